package dev.litestreamagent.testing;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Real SQLite databases through sqlite-jdbc, set up the way Litestream needs them (WAL, busy timeout). */
public final class Sqlite {
    private Sqlite() {
    }

    public static Connection open(Path db) throws SQLException {
        Connection connection = DriverManager.getConnection("jdbc:sqlite:" + db);
        try (Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA busy_timeout = 5000");
            statement.execute("PRAGMA journal_mode = WAL");
        }
        return connection;
    }

    /** Creates the database with an {@code events(id, body)} table. */
    public static Path create(Path db) throws SQLException {
        try (Connection connection = open(db); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS events (id INTEGER PRIMARY KEY, body TEXT NOT NULL)");
        }
        return db;
    }

    /** Inserts rows {@code from..from+count-1}, one transaction each, and returns the next id. */
    public static int insert(Path db, int from, int count) throws SQLException {
        try (Connection connection = open(db);
                PreparedStatement insert = connection.prepareStatement("INSERT INTO events (id, body) VALUES (?, ?)")) {
            for (int id = from; id < from + count; id++) {
                insert.setInt(1, id);
                insert.setString(2, "event " + id);
                insert.executeUpdate();
            }
        }
        return from + count;
    }

    public static int count(Path db) throws SQLException {
        return queryInt(db, "SELECT count(*) FROM events");
    }

    public static List<Integer> ids(Path db) throws SQLException {
        return ids(db, "events");
    }

    /** The {@code id} column of {@code table}, ascending. */
    public static List<Integer> ids(Path db, String table) throws SQLException {
        List<Integer> ids = new ArrayList<>();
        try (Connection connection = open(db); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT id FROM " + table + " ORDER BY id")) {
            while (rows.next()) {
                ids.add(rows.getInt(1));
            }
        }
        return ids;
    }

    public static int queryInt(Path db, String sql) throws SQLException {
        try (Connection connection = open(db); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            return rows.next() ? rows.getInt(1) : 0;
        }
    }
}
