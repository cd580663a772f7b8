package dev.litestreamagent.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.litestreamagent.testing.Harness;
import dev.litestreamagent.testing.LitestreamHarness;
import dev.litestreamagent.testing.ProcessResult;
import dev.litestreamagent.testing.Sqlite;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A Spring Boot application (Spring JDBC on SQLite, logback) under the agent: it looks and works as without it. */
@ExtendWith(LitestreamHarness.class)
class SpringBootIT {
    /** Spring Boot's default console pattern: ISO time, level, pid, thread, logger, message. */
    private static final Pattern BOOT_LOG_LINE = Pattern.compile(
            "(?m)^\\d{4}-\\d\\d-\\d\\dT[0-9:.]+\\S*\\s+INFO \\d+ --- \\[\\s*main\\] d\\.l\\.examples\\.springboot\\.NotesApp\\s+: Started NotesApp in ");

    @Test
    void aSpringBootApplicationLogsAsUsualAndIsReplicated(Harness harness) throws Exception {
        Path db = harness.tempDir().resolve("notes.db");
        FileReplicaConfig config = FileReplicaConfig.write(harness, "notes", db);

        ProcessResult app = ProcessResult.run(AgentProcess.appUnderAgent(config.agentArgument(), List.of(),
                AgentProcess.exampleJar("spring-boot", "spring-boot-example.jar"),
                "--spring.datasource.url=jdbc:sqlite:" + db, "--notes=25"), Map.of(), harness.tempDir(), 180);

        assertEquals(0, app.exitCode(), app.toString());
        String out = app.output();
        assertTrue(out.contains(":: Spring Boot ::"), "no banner:\n" + out);
        assertTrue(BOOT_LOG_LINE.matcher(out).find(), "Spring Boot's logback output is not its usual:\n" + out);
        assertTrue(out.contains("wrote 25 notes to jdbc:sqlite:" + db + "; it now holds 25"), out);
        assertFalse(out.contains("LoggerFactory is not a Logback LoggerContext"), out);
        assertFalse(out.contains("SLF4J("), "slf4j saw something of the agent's:\n" + out);
        assertTrue(out.contains("[litestream-agent]"), "no agent log line:\n" + out);

        Path restored;
        try {
            restored = config.restore();
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\nThe application's output:\n" + out, e);
        }
        assertEquals(25, Sqlite.queryInt(restored, "SELECT count(*) FROM notes"), "rows restored from the replica");
        assertEquals(List.of(), LitestreamProcesses.replicating(db), "a replicator outlived the application");
    }

    /**
     * Spring Boot's Flyway with its defaults on a new database, a restart on the existing one, and
     * a fresh machine: the database deleted, restored before main() (restore on start), every row
     * back and the migration not run again.
     */
    @Test
    void firstStartRestartAndAFreshMachineWithSpringBootsFlyway(Harness harness) throws Exception {
        Path db = harness.tempDir().resolve("data/notes.db");
        FileReplicaConfig config = FileReplicaConfig.write(harness, "notes", db);

        ProcessResult first = notes(config, db, 10, "");
        assertEquals(0, first.exitCode(), first.toString());
        assertTrue(first.output().contains("it now holds 10"), first.output());
        assertTrue(first.output().contains("Successfully applied 1 migration"), first.output());

        ProcessResult restart = notes(config, db, 10, "");
        assertEquals(0, restart.exitCode(), restart.toString());
        assertTrue(restart.output().contains("it now holds 20"), restart.output());
        assertTrue(restart.output().contains("is up to date. No migration necessary"), restart.output());

        for (String suffix : List.of("", "-wal", "-shm")) {
            java.nio.file.Files.deleteIfExists(Path.of(db + suffix));
        }
        ProcessResult freshMachine = notes(config, db, 10, ",restore-on-start=true");
        assertEquals(0, freshMachine.exitCode(), freshMachine.toString());
        assertTrue(freshMachine.output().contains("it now holds 30"), "rows not all back:\n" + freshMachine.output());
        assertTrue(freshMachine.output().contains("is up to date. No migration necessary"), freshMachine.output());
        assertEquals(1, Sqlite.queryInt(config.restore(), "SELECT count(*) FROM flyway_schema_history"),
                "the migration ran once");
    }

    private static ProcessResult notes(FileReplicaConfig config, Path db, int notes, String agentOptions)
            throws Exception {
        return ProcessResult.run(AgentProcess.appUnderAgent(config.agentArgument() + agentOptions, List.of(),
                AgentProcess.exampleJar("spring-boot", "spring-boot-example.jar"),
                "--spring.datasource.url=jdbc:sqlite:" + db, "--notes=" + notes), Map.of(),
                db.getParent().getParent(), 180);
    }
}
