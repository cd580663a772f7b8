package dev.litestreamagent.cli;

import dev.litestreamagent.supervisor.Clock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * Proves that a database's backup is current and restorable: writes a unique row into the live
 * database, then restores into a private temp directory again and again (short backoff, no
 * fixed sleep) until the row is in the restored copy or the deadline passes, and runs
 * {@code PRAGMA integrity_check} on that copy. Leaves only the newest verification row behind.
 */
final class Verifier {
    static final String TABLE = "_litestream_verification";
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(200);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(1);
    /** What Litestream's restore says when the replica is reachable but holds no backup. */
    private static final String NO_BACKUP = "no matching backups found";

    private final CliContext context;
    private final LitestreamRunner runner;
    private final SqliteConnector sqlite;
    private final Clock clock;

    Verifier(CliContext context, LitestreamRunner runner, SqliteConnector sqlite, Clock clock) {
        this.context = context;
        this.runner = runner;
        this.sqlite = sqlite;
        this.clock = clock;
    }

    VerifyResult verify(DatabaseRef database) throws InterruptedException {
        long start = clock.nanoTime();
        Attempts attempts = new Attempts();
        try {
            String code = writeRow(database.path());
            try (PrivateDirectory workDir = PrivateDirectory.create("litestream-verify-")) {
                return poll(database, code, workDir, start, attempts);
            }
        } catch (SQLException | IOException e) {
            return result(database, VerifyResult.Status.FAILED, "cannot verify: " + e.getMessage(), start);
        }
    }

    private VerifyResult poll(DatabaseRef database, String code, PrivateDirectory workDir, long start, Attempts attempts)
            throws IOException, InterruptedException {
        long deadline = start + context.verifyTimeout().toNanos();
        Duration backoff = FIRST_BACKOFF;
        while (clock.nanoTime() < deadline) {
            Path restored = workDir.path().resolve("verify-" + (attempts.count + 1) + ".db");
            Duration remaining = Duration.ofNanos(deadline - clock.nanoTime());
            Launcher.Captured restore = runner.capture("restore",
                    Arrays.asList("-o", restored.toString(), database.path().toString()), remaining);
            attempts.count++;
            if (restore.timedOut()) {
                // Cut short by the deadline: an earlier attempt's error says more, when there is one.
                attempts.lastError = attempts.lastError != null ? attempts.lastError
                        : "restore still running at the deadline (killed)";
            } else if (restore.exitCode() != 0) {
                attempts.lastError = "exit " + restore.exitCode() + ": " + lastLine(restore.output());
                attempts.noBackup |= restore.output().contains(NO_BACKUP);
            } else {
                attempts.restored++;
                VerifyResult checked = check(database, restored, code, start);
                if (checked != null && checked.status() == VerifyResult.Status.IN_SYNC) {
                    return checked;
                }
                if (checked != null) {
                    // A restore taken while Litestream writes a segment can be torn (seen with 0.3.13 on a
                    // busy database); only a failure that no later copy before the deadline clears counts.
                    attempts.integrityFailure = checked.reason();
                }
            }
            workDir.clear(); // restore leaves -shm, -wal, .tmp-shm and .tmp-wal files next to its output
            long left = deadline - clock.nanoTime();
            if (left > 0) {
                clock.sleep(Duration.ofNanos(Math.min(backoff.toNanos(), left)));
            }
            backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
        }
        String why;
        VerifyResult.Status status = VerifyResult.Status.OUT_OF_SYNC;
        if (attempts.integrityFailure != null) {
            status = VerifyResult.Status.FAILED;
            why = attempts.integrityFailure + " (no restored copy passed integrity_check within "
                    + seconds(context.verifyTimeout()) + " s)";
        } else if (attempts.restored > 0) {
            why = "row missing at the deadline: the verification row was in none of " + attempts.restored
                    + " restored copies within " + seconds(context.verifyTimeout()) + " s";
        } else if (attempts.noBackup) {
            why = "no backup on the replica: the replica answered, but restore found " + NO_BACKUP;
        } else {
            status = VerifyResult.Status.FAILED;
            why = "replica unreachable: " + (attempts.count == 0 ? "no restore could run before the deadline"
                    : "all " + attempts.count + " restores failed; last: " + attempts.lastError);
        }
        return result(database, status, why + replicatorNote(database), start);
    }

    /** The result once the row is in the restored copy; null while it is not there yet. */
    private VerifyResult check(DatabaseRef database, Path restored, String code, long start) {
        try (Connection connection = sqlite.open(restored); Statement statement = connection.createStatement()) {
            if (!hasRow(connection, code)) {
                return null;
            }
            try (ResultSet rows = statement.executeQuery("PRAGMA integrity_check")) {
                String verdict = rows.next() ? rows.getString(1) : "no answer";
                if (!"ok".equals(verdict)) {
                    return result(database, VerifyResult.Status.FAILED,
                            "integrity failure in the restored copy: " + verdict, start);
                }
            }
            return result(database, VerifyResult.Status.IN_SYNC,
                    "verification row restored, integrity_check ok", start);
        } catch (SQLException e) {
            return result(database, VerifyResult.Status.FAILED,
                    "integrity failure: the restored copy cannot be read: " + e.getMessage(), start);
        }
    }

    private static boolean hasRow(Connection connection, String code) throws SQLException {
        try (PreparedStatement table = connection.prepareStatement(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?")) {
            table.setString(1, TABLE);
            try (ResultSet rows = table.executeQuery()) {
                if (!rows.next() || rows.getInt(1) == 0) {
                    return false;
                }
            }
        }
        try (PreparedStatement row = connection.prepareStatement("SELECT count(*) FROM " + TABLE + " WHERE code = ?")) {
            row.setString(1, code);
            try (ResultSet rows = row.executeQuery()) {
                return rows.next() && rows.getInt(1) > 0;
            }
        }
    }

    /** Inserts the new row and drops older ones in one transaction; returns the row's code. */
    private String writeRow(Path database) throws SQLException, IOException {
        if (!Files.isRegularFile(database)) {
            // Opening a missing file would create an empty database in its place.
            throw new IOException("the database file " + database + " does not exist");
        }
        String code = UUID.randomUUID().toString();
        try (Connection connection = sqlite.open(database)) {
            connection.setAutoCommit(false);
            try {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("CREATE TABLE IF NOT EXISTS " + TABLE
                            + " (id INTEGER PRIMARY KEY, code TEXT NOT NULL UNIQUE, created_at TEXT NOT NULL)");
                }
                try (PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO " + TABLE + " (code, created_at) VALUES (?, ?)")) {
                    insert.setString(1, code);
                    insert.setString(2, Instant.now().toString());
                    insert.executeUpdate();
                }
                try (PreparedStatement prune = connection.prepareStatement("DELETE FROM " + TABLE + " WHERE code <> ?")) {
                    prune.setString(1, code);
                    prune.executeUpdate();
                }
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            }
        }
        return code;
    }

    private String replicatorNote(DatabaseRef database) {
        return context.replicatorRunning(database) ? ""
                : "; no replicator is running for " + database.alias() + " (start replicate, or the application with the agent)";
    }

    private VerifyResult result(DatabaseRef database, VerifyResult.Status status, String reason, long start) {
        return new VerifyResult(database, status, reason, (clock.nanoTime() - start) / 1e9);
    }

    private static String seconds(Duration duration) {
        return String.valueOf(duration.toMillis() / 1000.0);
    }

    private static String lastLine(String output) {
        List<String> lines = Arrays.asList(output.trim().split("\\R"));
        String last = lines.get(lines.size() - 1).trim();
        return last.isEmpty() ? "(no output)" : last.length() > 300 ? last.substring(0, 300) + "..." : last;
    }

    /** What the polling saw so far. */
    private static final class Attempts {
        int count;
        int restored;
        String lastError;
        boolean noBackup;
        String integrityFailure;
    }
}
