package dev.litestreamagent.examples.flywaytenants;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/** One tenant's SQLite database: its first-run check, its Flyway migration and its orders. */
final class Tenant {
    private static final String[] PLANS = {"free", "team", "enterprise"};

    private final String name;
    private final SQLiteDataSource dataSource;

    Tenant(String name, Path file) {
        this.name = name;
        SQLiteConfig config = new SQLiteConfig();
        // What any application sharing its database with a backup process should set.
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setBusyTimeout(5000);
        this.dataSource = new SQLiteDataSource(config);
        dataSource.setUrl("jdbc:sqlite:" + file);
    }

    String name() {
        return name;
    }

    /** The usual "is this a new database?" check: how many tables, indexes, views and triggers it has. */
    int schemaObjects() throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT count(*) FROM sqlite_master")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    /** Flyway with its default settings: {@code classpath:db/migration}, no baseline on migrate. */
    MigrateResult migrate() {
        return Flyway.configure().dataSource(dataSource).load().migrate();
    }

    /** A connection for {@link #insertOrder}, in auto-commit mode. */
    Connection connect() throws SQLException {
        return dataSource.getConnection();
    }

    /** Inserts one order in its own transaction and returns its id once committed. */
    long insertOrder(Connection connection, long sequence) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO orders (plan, created_at, amount_cents) VALUES (?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
            insert.setString(1, PLANS[(int) (sequence % PLANS.length)]);
            insert.setString(2, Instant.now().toString());
            insert.setLong(3, 100 + sequence);
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }
}
