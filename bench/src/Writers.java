import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The scale benchmark's host application: COUNT databases d1.db..dCOUNT.db in DIR, each with a
 * writer committing one row RATE times a second (phases spread at random), until killed. Prints
 * when main() was entered, as the trivial application does, and when every database had its schema.
 *
 * <pre>java -cp bench/target/classes:event-log.jar Writers DIR COUNT RATE</pre>
 */
public final class Writers {
    private Writers() {
    }

    public static void main(String[] args) throws Exception {
        java.time.Instant now = java.time.Instant.now();
        System.out.println("main-entry-us=" + (now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000));
        System.out.flush();
        Path dir = Paths.get(args[0]);
        int count = Integer.parseInt(args[1]);
        long periodMicros = 1_000_000L / Integer.parseInt(args[2]);
        Files.createDirectories(dir);
        ScheduledExecutorService writers = Executors.newScheduledThreadPool(4);
        Random random = new Random(1);
        List<Connection> open = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("d" + i + ".db"));
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA busy_timeout = 5000");
                s.execute("PRAGMA journal_mode = WAL");
                s.execute("CREATE TABLE IF NOT EXISTS rows (id INTEGER PRIMARY KEY, data TEXT)");
            }
            open.add(c);
            PreparedStatement insert = c.prepareStatement("INSERT INTO rows (data) VALUES ('written by the benchmark')");
            writers.scheduleAtFixedRate(() -> {
                try {
                    insert.executeUpdate();
                } catch (Exception e) {
                    System.err.println("write failed: " + e);
                }
            }, random.nextInt((int) periodMicros), periodMicros, TimeUnit.MICROSECONDS);
        }
        java.time.Instant created = java.time.Instant.now();
        System.out.println("created-us=" + (created.getEpochSecond() * 1_000_000L + created.getNano() / 1_000));
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
