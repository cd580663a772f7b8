package dev.litestreamagent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JdbcUrlsTest {
    static final Path CWD = Path.of("/srv/app");

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "jdbc:sqlite:/var/data/app.db                         | /var/data/app.db",
            "jdbc:sqlite:app.db                                   | /srv/app/app.db",
            "jdbc:sqlite:./data/../app.db                         | /srv/app/app.db",
            "jdbc:sqlite:app.db?journal_mode=WAL&busy_timeout=5000 | /srv/app/app.db",
            "JDBC:SQLITE:/var/data/app.db                         | /var/data/app.db",
            "jdbc:sqlite:file:/var/data/app.db?mode=rwc&cache=shared | /var/data/app.db",
            "jdbc:sqlite:file:rel.db                              | /srv/app/rel.db",
            "jdbc:sqlite:file:///var/data/app.db                  | /var/data/app.db",
            "jdbc:sqlite:file://localhost/var/data/app.db?mode=ro | /var/data/app.db",
            "jdbc:sqlite:file:/var/my%20data/app.db               | /var/my data/app.db",
            "jdbc:sqlite:file:/var/data/app.db#part               | /var/data/app.db",
            "jdbc:sqlite:file:/var/data/app.db?mode=rwc#part      | /var/data/app.db",
            "jdbc:sqlite:/var/data/a#b.db                         | /var/data/a#b.db",
            "jdbc:sqlite:file:/var/data/a%23b.db                  | /var/data/a#b.db"})
    void urlsNamingAFileGiveItsAbsolutePath(String url, String expected) {
        assertEquals(Path.of(expected), JdbcUrls.toPath(url, CWD));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "jdbc:sqlite::memory:                       | in-memory",
            "jdbc:sqlite:file::memory:?cache=shared     | in-memory",
            "jdbc:sqlite:file:shared?mode=memory&cache=shared | mode=memory",
            "jdbc:sqlite:                               | names no database file",
            "jdbc:sqlite:?journal_mode=WAL              | names no database file",
            "jdbc:sqlite::resource:db/app.db            | class-path resource",
            "jdbc:postgresql://localhost/app            | not a SQLite JDBC URL",
            "sqlite:app.db                              | not a SQLite JDBC URL",
            "jdbc:sqlite:file://otherhost/app.db        | authority",
            "jdbc:sqlite:file:/app%2.db                 | %XX"})
    void urlsWithoutAFileAreRejectedWithTheReason(String url, String reason) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> JdbcUrls.toPath(url, CWD));
        assertTrue(e.getMessage().startsWith("JDBC URL \"" + url + "\": "), e.getMessage());
        assertTrue(e.getMessage().contains(reason), e.getMessage());
        assertTrue(e.getMessage().endsWith("expected jdbc:sqlite:<file path> or jdbc:sqlite:file:<file path>[?params]"),
                e.getMessage());
    }

    /** The mapping must name the file sqlite-jdbc really creates, '#' included or not. */
    @ParameterizedTest
    @CsvSource({"file:{dir}/uri.db#fragment", "file:{dir}/query.db?mode=rwc#fragment", "{dir}/plain#hash.db",
            "file:{dir}/escaped%23hash.db"})
    void theMappedPathIsTheFileSqliteJdbcOpens(String location, @TempDir Path dir) throws Exception {
        String url = "jdbc:sqlite:" + location.replace("{dir}", dir.toString());
        try (Connection connection = DriverManager.getConnection(url)) {
            connection.createStatement().execute("create table t(x)");
        }
        Path mapped = JdbcUrls.toPath(url, CWD);
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(mapped), files.collect(Collectors.toList()), url);
        }
    }
}
