package dev.litestreamagent.agent.shutdown;

import dev.litestreamagent.verify.SqliteConnector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.slf4j.Logger;

/**
 * Holds SQLite's write lock of each database from right before Litestream's final sync until the JVM
 * halts, so that no commit returns success that the final sync does not carry. Application threads that
 * are no shutdown hook (a daemon executor, a scheduler nobody stops) go on committing after every hook
 * has returned; a commit between the final sync and the halt would be reported to the application, which
 * may print or acknowledge it, yet reach the replica only at the next start, if ever. A writer meeting
 * the lock waits its busy timeout or fails with SQLITE_BUSY: its commit never succeeds.
 *
 * <p>Taken with {@code BEGIN IMMEDIATE} through the application's own SQLite library (a second library in
 * the process would drop its locks, see {@code HostSqlite}) and never released: the connections stay open
 * until the process ends. A transaction still open commits first (a bounded wait) and is part of the final
 * sync. The lock is polled rather than left to SQLite's busy handler, whose sleeps grow to 100 ms: a
 * writer committing in a loop could take it back in each. Litestream 0.3.13's final sync writes only
 * after a checkpoint, once it has copied the WAL (and at shutdown that checkpoint ends before, its
 * context cancelled): it needs the write lock only to open a database, which is why the hold comes
 * once it has opened them (docs/supervisor.md, "Holding writers back for the final sync"). In
 * rollback-journal mode (Litestream switches a database to WAL, so only where it could not) the lock is
 * the journal's RESERVED lock, which holds writers back all the same.
 */
public final class WriterHalt {
    /** Longest wait for the application's transactions to end, shared by all databases. */
    private static final Duration MAX_WAIT = Duration.ofSeconds(3);
    private static final long RETRY_NANOS = TimeUnit.MICROSECONDS.toNanos(500);
    private static final int SQLITE_BUSY = 5;
    private static final int SQLITE_LOCKED = 6;

    private final Supplier<Optional<? extends SqliteConnector>> hostSqlite;
    private final Logger log;
    private final List<Connection> held = new ArrayList<>(); // reachable until the halt: never closed

    /**
     * @param hostSqlite the application's SQLite library, looked up at the stop (empty: none loaded, and so no
     *        writer in this JVM to hold back)
     */
    public WriterHalt(Supplier<Optional<? extends SqliteConnector>> hostSqlite, Logger log) {
        this.hostSqlite = hostSqlite;
        this.log = log;
    }

    /**
     * Takes and keeps the write lock of each existing database, waiting at most 3 s in all (a quarter of
     * {@code finalSyncTimeout} when less); a database whose lock is not had in time is logged and left.
     */
    public synchronized void holdUntilHalt(List<Path> databases, Duration finalSyncTimeout) {
        Optional<? extends SqliteConnector> sqlite = hostSqlite.get();
        if (sqlite.isEmpty()) {
            log.debug("No SQLite driver of the application is loaded: no writer to hold back before the final sync");
            return;
        }
        Duration quarter = finalSyncTimeout.dividedBy(4);
        long deadline = System.nanoTime() + (quarter.compareTo(MAX_WAIT) < 0 ? quarter : MAX_WAIT).toNanos();
        long waitMillis = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        List<Path> locked = new ArrayList<>();
        for (Path database : databases) {
            if (Files.isRegularFile(database) && hold(sqlite.get(), database, deadline, waitMillis)) {
                locked.add(database);
            }
        }
        if (!locked.isEmpty()) {
            log.info("Holding the write lock of {} until the JVM halts: a commit the application still attempts waits "
                    + "or fails, so none returns after Litestream's final sync", locked);
        }
    }

    private boolean hold(SqliteConnector sqlite, Path database, long deadline, long waitMillis) {
        Connection connection = null;
        try {
            connection = sqlite.open(database);
            try (Statement statement = connection.createStatement()) {
                statement.execute("PRAGMA busy_timeout = 0");
                while (!tryBegin(statement)) {
                    if (System.nanoTime() - deadline >= 0) {
                        log.warn("Cannot hold back the application's writers of {}: its write lock stayed taken for {} ms "
                                + "(a transaction of the application); a row committed after Litestream's final sync stays "
                                + "local until the next start", database, waitMillis);
                        closeQuietly(connection);
                        return false;
                    }
                    LockSupport.parkNanos(RETRY_NANOS);
                }
            }
            held.add(connection);
            return true;
        } catch (SQLException | RuntimeException e) {
            log.warn("Cannot hold back the application's writers of {} ({}); a row committed after Litestream's final "
                    + "sync stays local until the next start", database, e.toString());
            closeQuietly(connection);
            return false;
        }
    }

    /** False while another connection holds the write lock. */
    private static boolean tryBegin(Statement statement) throws SQLException {
        try {
            statement.execute("BEGIN IMMEDIATE");
            return true;
        } catch (SQLException e) {
            int code = e.getErrorCode() & 0xff; // the primary result code of an extended one
            if (code == SQLITE_BUSY || code == SQLITE_LOCKED) {
                return false;
            }
            throw e;
        }
    }

    private static void closeQuietly(Connection connection) {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (SQLException e) {
            // nothing held through it
        }
    }
}
