package dev.litestreamagent.replication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.litestreamagent.sqlite.SchemaProbe;
import dev.litestreamagent.testing.FakeClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real SQLite files (WAL mode, the connection kept open as an application does), a fake clock. */
class ReadyDatabasesTest {
    private static final Duration SETTLE = Duration.ofSeconds(1);

    @TempDir
    Path dir;
    private final FakeClock clock = new FakeClock();
    private final List<String> warnings = new ArrayList<>();

    private ReadyDatabases watching(Path... databases) {
        return new ReadyDatabases(List.of(databases), SchemaProbe::of, SETTLE, clock, warnings::add);
    }

    private static Connection open(Path db) throws Exception {
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA journal_mode=WAL");
        }
        return c;
    }

    private static void exec(Connection c, String sql) throws Exception {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    @Test
    void aNewDatabaseWaitsUntilItsSchemaHasSettledAndEveryMigrationStepStartsTheWaitAgain() throws Exception {
        Path db = dir.resolve("app.db");
        ReadyDatabases ready = watching(db);
        assertEquals(List.of(), ready.poll(false), "no file yet");
        try (Connection app = open(db)) {
            assertEquals(List.of(), ready.poll(false), "empty: Flyway's emptiness check is still to come");
            exec(app, "CREATE TABLE flyway_schema_history (installed_rank INTEGER PRIMARY KEY)");
            assertEquals(List.of(), ready.poll(false));
            clock.advance(Duration.ofMillis(900));
            exec(app, "CREATE TABLE orders (id INTEGER PRIMARY KEY)"); // V1
            assertEquals(List.of(), ready.poll(false), "the schema just changed");
            clock.advance(Duration.ofMillis(900));
            assertEquals(List.of(), ready.poll(false), "the schema changed 0.9 s ago");
            exec(app, "INSERT INTO orders DEFAULT VALUES"); // rows do not change the schema
            clock.advance(Duration.ofMillis(200));
            assertEquals(List.of(db), ready.poll(false));
            assertEquals(List.of(db), ready.ready());
            assertEquals(List.of(), ready.waiting());
            exec(app, "CREATE INDEX orders_id ON orders (id)");
            assertEquals(List.of(), ready.poll(false), "ready once is ready for good");
        }
    }

    @Test
    void atTheFinalStopAnySchemaCountsButAnEmptyDatabaseStillWaits() throws Exception {
        Path withTable = dir.resolve("a.db");
        Path empty = dir.resolve("b.db");
        ReadyDatabases ready = watching(withTable, empty);
        try (Connection a = open(withTable); Connection b = open(empty)) {
            exec(a, "CREATE TABLE t (id INTEGER PRIMARY KEY)");
            exec(a, "INSERT INTO t DEFAULT VALUES");
            assertEquals(List.of(), ready.poll(false));
            assertEquals(List.of(withTable), ready.poll(true));
            assertEquals(List.of(empty), ready.waiting());
        }
    }

    @Test
    void readyDatabasesKeepTheConfigurationOrder() throws Exception {
        Path first = dir.resolve("1.db");
        Path second = dir.resolve("2.db");
        ReadyDatabases ready = watching(first, second);
        try (Connection c = open(second)) {
            exec(c, "CREATE TABLE t (id INTEGER)");
        }
        assertEquals(List.of(second), ready.poll(true));
        try (Connection c = open(first)) {
            exec(c, "CREATE TABLE t (id INTEGER)");
        }
        assertEquals(List.of(first), ready.poll(true));
        assertEquals(List.of(first, second), ready.ready());
    }

    @Test
    void aFileThatIsNoSQLiteDatabaseIsHandedOverWithOneWarning() throws Exception {
        Path other = Files.writeString(dir.resolve("x.db"), "x".repeat(4096));
        ReadyDatabases ready = watching(other);
        assertEquals(List.of(other), ready.poll(false));
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("not a plain SQLite database"), warnings.get(0));
    }
}
