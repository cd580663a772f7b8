package dev.litestreamagent.e2e;

import java.nio.file.Path;
import java.util.List;

/** The example applications a stop test runs, as a first run (which ends by itself) and as a running service. */
enum StopApp {
    /**
     * JPA, HikariCP and Flyway; four writers stopped from {@code @PreDestroy} commit for 300 ms
     * more as the context closes, and a client posts notes over HTTP until the service is gone.
     */
    SPRING_BOOT("spring-boot", "spring-boot-example.jar", "notes", "Started NotesApp") {
        @Override
        List<String> firstRun(Path db) {
            return List.of("--spring.datasource.url=jdbc:sqlite:" + db, "--notes=3");
        }

        @Override
        List<String> service(Path db) {
            return List.of("--spring.datasource.url=jdbc:sqlite:" + db, "--spring.profiles.active=service",
                    "--server.port=0", "--writers=4", "--rate=50", "--drain-ms=300");
        }

        @Override
        AutoCloseable clients(RunningJvm jvm) throws Exception {
            return NotePoster.start(jvm);
        }
    },
    /** Plain JDBC; two writers, and its own shutdown hook commits 5 rows over 300 ms. */
    SHUTDOWN_WRITER("shutdown-writer", "shutdown-writer.jar", "events", "shutdown-writer: 2 writers on") {
        @Override
        List<String> firstRun(Path db) {
            return List.of("--url", "jdbc:sqlite:" + db, "--rows", "3", "--hook-rows", "1", "--hook-ms", "0");
        }

        @Override
        List<String> service(Path db) {
            return List.of("--url", "jdbc:sqlite:" + db, "--writers", "2", "--rate", "50",
                    "--hook-rows", "5", "--hook-ms", "300");
        }
    };

    private final String module;
    private final String jar;
    private final String table;
    private final String ready;

    StopApp(String module, String jar, String table, String ready) {
        this.module = module;
        this.jar = jar;
        this.table = table;
        this.ready = ready;
    }

    /** Arguments of a short run that creates the database and exits by itself. */
    abstract List<String> firstRun(Path db);

    /** Arguments of a run that writes until it is stopped. */
    abstract List<String> service(Path db);

    /** What else writes through the application while it runs (closed once the JVM is gone). */
    AutoCloseable clients(RunningJvm jvm) throws Exception {
        return () -> { };
    }

    Path jar() {
        return AgentProcess.exampleJar(module, jar);
    }

    /** The table whose ids are ACKed. */
    String table() {
        return table;
    }

    /** What the application prints once it is up and writing. */
    String readyMarker() {
        return ready;
    }
}
