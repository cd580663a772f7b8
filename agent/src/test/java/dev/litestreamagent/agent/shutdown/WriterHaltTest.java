package dev.litestreamagent.agent.shutdown;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.litestreamagent.verify.SqliteConnector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.helpers.NOPLogger;

/** Writers that outlive the shutdown hooks: once held, no commit of theirs returns. */
class WriterHaltTest {
    private static final SqliteConnector SQLITE = db -> DriverManager.getConnection("jdbc:sqlite:" + db);
    private static final Duration FINAL_SYNC = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private final WriterHalt halt = new WriterHalt(() -> Optional.of(SQLITE), NOPLogger.NOP_LOGGER);

    @Test
    void aWriterCommittingInALoopCommitsNothingOnceHeld() throws Exception {
        Path db = database("loop.db");
        AtomicLong committed = new AtomicLong();
        Thread writer = new Thread(() -> {
            try (Connection c = open(db); Statement s = c.createStatement()) {
                s.execute("PRAGMA busy_timeout = 50");
                while (!Thread.currentThread().isInterrupted()) {
                    try {
                        s.execute("INSERT INTO t VALUES (1)");
                        committed.incrementAndGet();
                    } catch (SQLException busy) {
                        // held back: its commit did not return
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        writer.setDaemon(true);
        writer.start();
        while (committed.get() < 100) {
            Thread.sleep(1);
        }

        long begun = System.nanoTime();
        halt.holdUntilHalt(List.of(db), FINAL_SYNC);
        long tookNanos = System.nanoTime() - begun;
        long rowsWhenHeld = count(db);
        Thread.sleep(500);
        long rowsLater = count(db);
        writer.interrupt();

        assertTrue(tookNanos < Duration.ofSeconds(3).toNanos(), "the lock was won against the loop");
        assertEquals(rowsWhenHeld, rowsLater, "commits went through while the write lock was held");
        assertEquals(rowsLater, committed.get(), "a commit returned that is not in the database");
    }

    @Test
    void aTransactionOpenAtTheHoldCommitsFirst() throws Exception {
        Path db = database("open.db");
        try (Connection app = open(db); Statement s = app.createStatement()) {
            s.execute("BEGIN IMMEDIATE");
            s.execute("INSERT INTO t VALUES (1)");
            Thread commit = new Thread(() -> {
                try {
                    Thread.sleep(300);
                    s.execute("COMMIT");
                } catch (InterruptedException | SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            commit.start();
            halt.holdUntilHalt(List.of(db), FINAL_SYNC);
            commit.join();
            assertEquals(1, count(db), "the open transaction's row, before the final sync");
            s.execute("PRAGMA busy_timeout = 0");
            assertThrows(SQLException.class, () -> s.execute("INSERT INTO t VALUES (2)"), "held: no later commit");
        }
    }

    @Test
    void aLockNotHadInTimeIsLeftAfterAQuarterOfTheFinalSyncTimeout() throws Exception {
        Path db = database("busy.db");
        try (Connection app = open(db); Statement s = app.createStatement()) {
            s.execute("BEGIN IMMEDIATE"); // a transaction that never ends
            long begun = System.nanoTime();
            halt.holdUntilHalt(List.of(db), Duration.ofMillis(800));
            long waited = System.nanoTime() - begun;
            assertTrue(waited >= Duration.ofMillis(190).toNanos() && waited < Duration.ofSeconds(2).toNanos(),
                    waited / 1_000_000 + " ms");
            s.execute("INSERT INTO t VALUES (1)");
            s.execute("COMMIT");
        }
        try (Connection after = open(db); Statement s = after.createStatement()) {
            s.execute("PRAGMA busy_timeout = 0");
            s.execute("INSERT INTO t VALUES (2)"); // nothing was left holding it
        }
    }

    @Test
    void aMissingDatabaseIsNotCreated() {
        Path missing = dir.resolve("missing.db");
        halt.holdUntilHalt(List.of(missing), FINAL_SYNC);
        assertFalse(Files.exists(missing));
    }

    @Test
    void noDriverLoadedHoldsNothing() throws Exception {
        Path db = database("nodriver.db");
        new WriterHalt(Optional::empty, NOPLogger.NOP_LOGGER).holdUntilHalt(List.of(db), FINAL_SYNC);
        try (Connection c = open(db); Statement s = c.createStatement()) {
            s.execute("PRAGMA busy_timeout = 0");
            s.execute("INSERT INTO t VALUES (1)");
        }
    }

    private Path database(String name) throws SQLException {
        Path db = dir.resolve(name);
        try (Connection c = open(db); Statement s = c.createStatement()) {
            s.execute("PRAGMA journal_mode = WAL");
            s.execute("CREATE TABLE t (x)");
        }
        return db;
    }

    private static Connection open(Path db) throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + db);
    }

    private static long count(Path db) throws SQLException {
        try (Connection c = open(db); Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT count(*) FROM t")) {
            r.next();
            return r.getLong(1);
        }
    }
}
