package dev.litestreamagent.agent.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.instrument.Instrumentation;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostSqliteTest {
    @TempDir
    Path dir;

    @Test
    void theApplicationsLoadedSqliteJdbcIsFoundAndOpensItsDatabases() throws Exception {
        HostSqlite sqlite = HostSqlite.find(loaded(String.class, java.sql.Driver.class, org.sqlite.JDBC.class)).orElseThrow();
        assertTrue(sqlite.describe().startsWith("org.sqlite.JDBC "), sqlite.describe());
        try (Connection c = sqlite.open(dir.resolve("app.db")); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT sqlite_version()")) {
            assertTrue(rs.next() && rs.getString(1).startsWith("3."));
        }
    }

    @Test
    void nothingIsFoundBeforeTheApplicationLoadedADriver() {
        assertEquals(Optional.empty(), HostSqlite.find(loaded(String.class, java.sql.Driver.class, Object.class)));
    }

    /** An Instrumentation whose JVM has loaded exactly these classes. */
    static Instrumentation loaded(Class<?>... classes) {
        return (Instrumentation) Proxy.newProxyInstance(HostSqliteTest.class.getClassLoader(),
                new Class<?>[] {Instrumentation.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getAllLoadedClasses")) {
                        return classes.clone();
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
