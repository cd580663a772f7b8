package dev.litestreamagent.examples.shutdownwriter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;

/** The {@code events} table: each caller appends through a connection of its own, one commit a row. */
final class Ledger {
    private final String url;

    private Ledger(String url) {
        this.url = url;
    }

    /** Creates the database (and its folder) and the table if missing. */
    static Ledger open(String url) throws SQLException {
        Ledger ledger = new Ledger(url);
        createParent(url);
        try (Connection db = ledger.connect(); Statement s = db.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS events (id INTEGER PRIMARY KEY, at TEXT NOT NULL, body TEXT NOT NULL)");
        }
        return ledger;
    }

    /** A connection set up as any application sharing its database with Litestream should. */
    Connection connect() throws SQLException {
        Connection db = DriverManager.getConnection(url);
        try (Statement s = db.createStatement()) {
            s.execute("PRAGMA busy_timeout = 5000");
            s.execute("PRAGMA journal_mode = WAL");
        }
        return db;
    }

    /** Commits one row (auto-commit) and only then prints {@code ACK <id>}. */
    static long append(Connection db, String body) throws SQLException {
        long id;
        try (PreparedStatement insert = db.prepareStatement("INSERT INTO events (at, body) VALUES (?, ?)")) {
            insert.setString(1, Instant.now().toString());
            insert.setString(2, body);
            insert.executeUpdate();
        }
        try (Statement s = db.createStatement(); ResultSet r = s.executeQuery("SELECT last_insert_rowid()")) {
            r.next();
            id = r.getLong(1);
        }
        System.out.println("ACK " + id);
        System.out.flush();
        return id;
    }

    long count() throws SQLException {
        try (Connection db = connect(); Statement s = db.createStatement();
                ResultSet r = s.executeQuery("SELECT count(*) FROM events")) {
            return r.next() ? r.getLong(1) : 0;
        }
    }

    private static void createParent(String url) {
        Path parent = Paths.get(url.replaceFirst("^jdbc:sqlite:(file:)?", "").replaceFirst("\\?.*$", ""))
                .toAbsolutePath().getParent();
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the database folder " + parent, e);
        }
    }
}
