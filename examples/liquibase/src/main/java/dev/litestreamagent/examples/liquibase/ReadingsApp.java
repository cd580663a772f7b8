package dev.litestreamagent.examples.liquibase;

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
import liquibase.command.CommandScope;
import liquibase.command.core.UpdateCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;

/**
 * An application that knows nothing of Litestream: at start Liquibase brings its SQLite database
 * up to date from {@code db/changelog.xml} (two changesets), then it records temperature readings.
 *
 * <pre>
 * java -jar liquibase-example.jar [--db=data/readings.db] [--rows=20] [--interval-ms=20]
 * </pre>
 *
 * Prints, with the database's name (its file name without {@code .db}), {@code FRESH <name> <objects
 * in sqlite_master>} before the update (0 on a new database), {@code MIGRATED <name> ran=<changesets
 * run now> total=<changesets recorded>}, and {@code ACK <name> <id>} after each committed reading.
 */
public final class ReadingsApp {
    private static final String CHANGELOG = "db/changelog.xml";

    private ReadingsApp() {
    }

    public static void main(String[] args) throws Exception {
        Path db = Paths.get("data/readings.db");
        int rows = 20;
        long intervalMs = 20;
        for (String arg : args) {
            String value = arg.substring(arg.indexOf('=') + 1);
            try {
                if (arg.startsWith("--db=")) {
                    db = Paths.get(value);
                } else if (arg.startsWith("--rows=")) {
                    rows = Integer.parseInt(value);
                } else if (arg.startsWith("--interval-ms=")) {
                    intervalMs = Long.parseLong(value);
                } else {
                    usage("unknown argument '" + arg + "'");
                }
            } catch (NumberFormatException e) {
                usage(arg.substring(0, arg.indexOf('=')) + ": expected a whole number, got '" + value + "'");
            }
        }
        // An application's choice, unrelated to backups: no usage reports from Liquibase.
        System.setProperty("liquibase.analytics.enabled", System.getProperty("liquibase.analytics.enabled", "false"));
        Files.createDirectories(db.toAbsolutePath().getParent());
        String name = db.getFileName().toString().replaceFirst("\\.db$", "");
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + db)) {
            try (Statement s = connection.createStatement()) {
                // What any application sharing its database with a backup process should set.
                s.execute("PRAGMA busy_timeout = 5000");
                s.execute("PRAGMA journal_mode = WAL");
            }
            System.out.println("FRESH " + name + " " + queryInt(connection, "SELECT count(*) FROM sqlite_master"));
            int before = changesetsRecorded(connection);
            update(connection);
            int after = changesetsRecorded(connection);
            System.out.println("MIGRATED " + name + " ran=" + (after - before) + " total=" + after);
            record(connection, name, rows, intervalMs);
            System.out.println("liquibase-example: recorded " + rows + " readings in " + db + "; it now holds "
                    + queryInt(connection, "SELECT count(*) FROM readings"));
        }
    }

    private static void update(Connection connection) throws Exception {
        Database database = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(connection));
        new CommandScope(UpdateCommandStep.COMMAND_NAME)
                .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database)
                .addArgumentValue(UpdateCommandStep.CHANGELOG_FILE_ARG, CHANGELOG)
                .execute();
    }

    private static void record(Connection connection, String name, int rows, long intervalMs) throws SQLException, InterruptedException {
        connection.setAutoCommit(true);
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO readings (sensor, taken_at, celsius) VALUES (?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
            for (int i = 0; i < rows; i++) {
                insert.setString(1, "sensor-" + (i % 4));
                insert.setString(2, Instant.now().toString());
                insert.setDouble(3, 18 + (i % 70) / 10.0);
                insert.executeUpdate();
                try (ResultSet keys = insert.getGeneratedKeys()) {
                    keys.next();
                    System.out.println("ACK " + name + " " + keys.getLong(1));
                }
                if (intervalMs > 0) {
                    Thread.sleep(intervalMs);
                }
            }
        }
    }

    /** Rows in Liquibase's own history table, 0 before its first update. */
    private static int changesetsRecorded(Connection connection) throws SQLException {
        boolean exists = queryInt(connection,
                "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'DATABASECHANGELOG'") > 0;
        return exists ? queryInt(connection, "SELECT count(*) FROM DATABASECHANGELOG") : 0;
    }

    private static int queryInt(Connection connection, String sql) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery(sql)) {
            return r.next() ? r.getInt(1) : 0;
        }
    }

    private static void usage(String problem) {
        System.err.println("liquibase-example: " + problem);
        System.err.println("usage: java -jar liquibase-example.jar [--db=FILE] [--rows=N] [--interval-ms=MS]");
        System.exit(2);
    }
}
