package dev.litestreamagent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.litestreamagent.fs.CacheDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IsolatedSqliteTest {

    @Test
    void keepsTheNativeLibraryInTheCacheAndLeavesOtherSqliteJdbcAlone(@TempDir Path dir) throws Exception {
        try (Connection isolated = IsolatedSqlite.shared().open(dir.resolve("isolated.db"))) {
            assertEquals(1, selectOne(isolated));
        }

        Path cache = CacheDirectory.defaultHere().orElseThrow();
        try (Stream<Path> files = Files.list(cache)) {
            assertTrue(files.anyMatch(f -> f.getFileName().toString().matches("sqlite-jdbc-[0-9a-f]+-.*sqlitejdbc.*")),
                    "the native library is kept in " + cache + " for the next command");
        }
        assertNull(System.getProperty("org.sqlite.lib.path"), "the loader's setting is not left for another sqlite-jdbc");
        assertNull(System.getProperty("org.sqlite.lib.name"));
        // The test class path's own sqlite-jdbc loads its own copy of the library, as an application's would.
        try (Connection own = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("own.db"))) {
            assertEquals(1, selectOne(own));
        }
    }

    private static int selectOne(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery("SELECT 1")) {
            rows.next();
            return rows.getInt(1);
        }
    }
}
