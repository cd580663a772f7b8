package dev.litestreamagent.examples.eventlog;

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

/**
 * An ordinary application that knows nothing of Litestream: it appends events to a SQLite
 * database with plain JDBC. Run it under the agent and its database is replicated.
 *
 * <pre>
 * java -jar event-log.jar [--url jdbc:sqlite:data/events.db] [--events 20] [--interval-ms 50]
 * java -jar event-log.jar --show data/restored.db     # print the events of a database
 * </pre>
 */
public final class EventLogApp {
    private EventLogApp() {
    }

    public static void main(String[] args) throws Exception {
        String url = "jdbc:sqlite:data/events.db";
        int events = 20;
        long intervalMs = 50;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--url":
                    url = args[++i];
                    break;
                case "--events":
                    events = Integer.parseInt(args[++i]);
                    break;
                case "--interval-ms":
                    intervalMs = Long.parseLong(args[++i]);
                    break;
                case "--show":
                    show(Paths.get(args[++i]));
                    return;
                default:
                    System.err.println("event-log: unknown argument " + args[i]
                            + "; expected --url URL, --events N, --interval-ms MS or --show FILE");
                    System.exit(2);
            }
        }
        append(url, events, intervalMs);
    }

    private static void append(String url, int events, long intervalMs) throws SQLException, InterruptedException {
        createParent(url);
        try (Connection db = DriverManager.getConnection(url)) {
            try (Statement s = db.createStatement()) {
                // What any application sharing its database with Litestream should set.
                s.execute("PRAGMA busy_timeout = 5000");
                s.execute("PRAGMA journal_mode = WAL");
                s.execute("CREATE TABLE IF NOT EXISTS events (id INTEGER PRIMARY KEY, at TEXT NOT NULL, body TEXT NOT NULL)");
            }
            int before = count(db);
            try (PreparedStatement insert = db.prepareStatement("INSERT INTO events (at, body) VALUES (?, ?)")) {
                for (int i = 1; i <= events; i++) {
                    insert.setString(1, Instant.now().toString());
                    insert.setString(2, "event " + (before + i));
                    insert.executeUpdate();
                    if (intervalMs > 0) {
                        Thread.sleep(intervalMs);
                    }
                }
            }
            System.out.println("event-log: appended " + events + " events to " + url + "; it now holds " + count(db));
        }
    }

    private static void show(Path file) throws SQLException {
        if (!Files.exists(file)) {
            System.err.println("event-log: no database at " + file);
            System.exit(1);
        }
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement s = db.createStatement();
                ResultSet rows = s.executeQuery("SELECT id, at, body FROM events ORDER BY id")) {
            int n = 0;
            while (rows.next()) {
                n++;
                System.out.println(rows.getInt(1) + "  " + rows.getString(2) + "  " + rows.getString(3));
            }
            System.out.println("event-log: " + n + " events in " + file);
        }
    }

    private static int count(Connection db) throws SQLException {
        try (Statement s = db.createStatement(); ResultSet r = s.executeQuery("SELECT count(*) FROM events")) {
            return r.next() ? r.getInt(1) : 0;
        }
    }

    /** SQLite creates the file but not its folder. */
    private static void createParent(String url) {
        String path = url.replaceFirst("^jdbc:sqlite:(file:)?", "").replaceFirst("\\?.*$", "");
        Path parent = Paths.get(path).toAbsolutePath().getParent();
        try {
            Files.createDirectories(parent);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot create " + parent, e);
        }
    }
}
