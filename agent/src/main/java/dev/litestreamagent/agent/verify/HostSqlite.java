package dev.litestreamagent.agent.verify;

import dev.litestreamagent.verify.SqliteConnector;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * The application's own SQLite JDBC driver, found among the classes the JVM has loaded. Writing into
 * the application's database through a second SQLite library in the same process would corrupt it:
 * POSIX advisory locks belong to the process, and one library's {@code close()} of the file drops the
 * locks the other holds (SQLite's "How To Corrupt An SQLite Database File", section 2.2). Through the
 * application's library, SQLite's own per-inode bookkeeping covers the agent's connection as one more
 * connection of the application. The agent's isolated sqlite-jdbc is therefore never loaded here.
 */
public final class HostSqlite implements SqliteConnector {
    /** xerial sqlite-jdbc, what nearly every JVM application uses; looked for before any other driver. */
    static final String XERIAL = "org.sqlite.JDBC";
    private static final String PROBE_URL = "jdbc:sqlite:";

    private final Driver driver;

    private HostSqlite(Driver driver) {
        this.driver = driver;
    }

    /**
     * The driver of the application, when it has loaded one that accepts {@code jdbc:sqlite:} URLs; empty
     * before it has (the agent never loads one on its behalf: the class loader would be a guess).
     */
    public static Optional<HostSqlite> find(Instrumentation instrumentation) {
        List<Class<?>> others = new ArrayList<>();
        for (Class<?> type : instrumentation.getAllLoadedClasses()) {
            if (!Driver.class.isAssignableFrom(type) || type.isInterface() || Modifier.isAbstract(type.getModifiers())) {
                continue;
            }
            if (XERIAL.equals(type.getName())) {
                Optional<HostSqlite> found = accepting(type);
                if (found.isPresent()) {
                    return found;
                }
            } else if (type.getName().toLowerCase(java.util.Locale.ROOT).contains("sqlite")) {
                others.add(type);
            }
        }
        for (Class<?> type : others) {
            Optional<HostSqlite> found = accepting(type);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    /** The loaded driver's name and where it came from, for the log. */
    public String describe() {
        Class<?> type = driver.getClass();
        java.security.CodeSource source = type.getProtectionDomain().getCodeSource();
        return type.getName() + " " + driver.getMajorVersion() + "." + driver.getMinorVersion()
                + (source == null || source.getLocation() == null ? "" : " from " + source.getLocation());
    }

    @Override
    public Connection open(Path database) throws SQLException {
        Connection connection = driver.connect(PROBE_URL + database, new Properties());
        if (connection == null) {
            throw new SQLException(driver.getClass().getName() + " refused jdbc:sqlite:" + database);
        }
        return connection;
    }

    private static Optional<HostSqlite> accepting(Class<?> type) {
        try {
            Constructor<?> constructor = type.getConstructor();
            Driver driver = (Driver) constructor.newInstance();
            return driver.acceptsURL(PROBE_URL + "probe.db") ? Optional.of(new HostSqlite(driver)) : Optional.empty();
        } catch (ReflectiveOperationException | SQLException | RuntimeException | LinkageError e) {
            return Optional.empty(); // not a driver the agent can use
        }
    }
}
