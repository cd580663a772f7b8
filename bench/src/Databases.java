import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;

/**
 * Creates the start-up benchmark's databases: COUNT files db1.db..dbCOUNT.db in DIR, each with
 * 1000 rows of 100 bytes (about 150 kB), in WAL mode like an application's.
 *
 * <pre>java -cp bench/target/classes:event-log.jar Databases DIR COUNT</pre>
 * The event-log example's jar carries sqlite-jdbc.
 */
public final class Databases {
    private Databases() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Paths.get(args[0]);
        int count = Integer.parseInt(args[1]);
        Files.createDirectories(dir);
        for (int i = 1; i <= count; i++) {
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("db" + i + ".db"));
                    Statement s = c.createStatement()) {
                s.execute("PRAGMA journal_mode = WAL");
                s.execute("CREATE TABLE rows (id INTEGER PRIMARY KEY, data TEXT)");
                c.setAutoCommit(false);
                try (PreparedStatement insert = c.prepareStatement("INSERT INTO rows (data) VALUES (?)")) {
                    for (int row = 0; row < 1000; row++) {
                        insert.setString(1, String.format("%0100d", row));
                        insert.executeUpdate();
                    }
                }
                c.commit();
            }
        }
    }
}
