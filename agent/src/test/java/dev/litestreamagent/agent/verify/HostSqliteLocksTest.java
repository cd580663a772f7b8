package dev.litestreamagent.agent.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Why the agent writes through the application's SQLite library: this JVM (the "application") holds a
 * write transaction; a connection through a second sqlite-jdbc copy, opened and closed, silently drops
 * the application's POSIX locks, while one through {@link HostSqlite} (the same library) leaves them.
 */
@EnabledOnOs(OS.LINUX)
class HostSqliteLocksTest {
    private static final long PID = ProcessHandle.current().pid();

    @TempDir
    Path dir;

    @Test
    void aConnectionThroughTheApplicationsLibraryLeavesItsLocks() throws Exception {
        HostSqlite host = HostSqlite.find(HostSqliteTest.loaded(org.sqlite.JDBC.class)).orElseThrow();
        assertEquals(Set.of(), locksLeftAfterAnotherConnection(dir.resolve("host.db"), "main", host::open).lost());
    }

    @Test
    void aConnectionThroughASecondSqliteLibraryDropsThem() throws Exception {
        URL jar = org.sqlite.JDBC.class.getProtectionDomain().getCodeSource().getLocation();
        try (URLClassLoader second = new URLClassLoader(new URL[] {jar}, ClassLoader.getPlatformClassLoader())) {
            Driver driver = (Driver) Class.forName("org.sqlite.JDBC", true, second).getDeclaredConstructor().newInstance();
            Outcome outcome = locksLeftAfterAnotherConnection(dir.resolve("second.db"), "main",
                    path -> driver.connect("jdbc:sqlite:" + path, new Properties()));
            assertFalse(outcome.lost().isEmpty(), "the control: a second library's close() drops the application's locks, "
                    + "held before: " + outcome.before());
        }
    }

    /** The application's write transaction, another connection opened, read from and closed, and what locks were lost. */
    private static Outcome locksLeftAfterAnotherConnection(Path db, String table, Opener other) throws Exception {
        try (Connection app = DriverManager.getConnection("jdbc:sqlite:" + db); Statement sql = app.createStatement()) {
            sql.execute("CREATE TABLE " + table + " (x)");
            sql.execute("BEGIN IMMEDIATE");
            sql.execute("INSERT INTO " + table + " VALUES (1)");
            Set<String> before = ProcLocks.writeLocks(PID, db);
            assertFalse(before.isEmpty(), "the write transaction holds a write lock");
            try (Connection second = other.open(db); Statement read = second.createStatement();
                    ResultSet rs = read.executeQuery("SELECT count(*) FROM sqlite_master")) {
                rs.next();
            }
            Set<String> lost = new TreeSet<>(before);
            lost.removeAll(ProcLocks.writeLocks(PID, db));
            sql.execute("ROLLBACK");
            return new Outcome(before, lost);
        }
    }

    private interface Opener {
        Connection open(Path db) throws Exception;
    }

    private record Outcome(Set<String> before, Set<String> lost) {
    }
}
