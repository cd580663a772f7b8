package dev.litestreamagent.testing;

import dev.litestreamagent.supervisor.ReplicatorAlreadyRunningException;
import dev.litestreamagent.supervisor.RestartPolicy;
import dev.litestreamagent.supervisor.Supervisor;
import dev.litestreamagent.supervisor.SupervisorSettings;
import dev.litestreamagent.supervisor.SupervisorState;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;

/**
 * A child JVM for end-to-end tests: supervises Litestream for one database (stopped by the JVM
 * shutdown hook this writer registers) and commits about 100 rows a second, appending the id
 * of every committed row to a file. Prints {@code RUNNING} once Litestream is up; exits 3 with
 * the refusal message when another replicator holds the database.
 * Arguments: binary config database committed-ids-file max-rows (0 = unlimited).
 */
public final class SupervisedWriter {
    public static final int REFUSED = 3;

    private SupervisedWriter() {
    }

    public static void main(String[] args) throws Exception {
        Path db = Paths.get(args[2]);
        Supervisor supervisor = Supervisor.create(SupervisorSettings.builder().name("writer")
                .binary(Paths.get(args[0])).configFile(Paths.get(args[1])).databases(List.of(db))
                .stopTimeout(Duration.ofSeconds(10)).logMarkers(TestBinary.LOG_MARKERS)
                .restartPolicy(RestartPolicy.builder().initialDelay(Duration.ofMillis(50)).build()).build());
        try {
            supervisor.start();
            // the owner stops it at exit (the supervisor registers no hook of its own)
            Runtime.getRuntime().addShutdownHook(new Thread(supervisor::stop, "writer-stop"));
        } catch (ReplicatorAlreadyRunningException e) {
            System.out.println("REFUSED " + e.getMessage());
            System.exit(REFUSED);
        }
        while (supervisor.status().state() != SupervisorState.RUNNING) {
            Thread.sleep(10);
        }
        System.out.println("RUNNING pid=" + supervisor.status().pid().getAsLong());
        System.out.flush();
        long maxRows = Long.parseLong(args[4]);
        try (Connection connection = Sqlite.open(db);
                PreparedStatement insert = connection.prepareStatement("INSERT INTO events (id, body) VALUES (?, ?)");
                OutputStream committed = new FileOutputStream(args[3], true)) {
            for (int id = 1; maxRows == 0 || id <= maxRows; id++) {
                insert.setInt(1, id);
                insert.setString(2, "event " + id);
                insert.executeUpdate(); // autocommit: committed when it returns
                committed.write((id + "\n").getBytes(StandardCharsets.UTF_8));
                committed.flush();
                Thread.sleep(10);
            }
        }
        System.out.println("DONE");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE); // until the test stops this JVM
    }
}
