package dev.litestreamagent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

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
            "jdbc:sqlite:file:/var/data/app.db#frag               | /var/data/app.db",
            "jdbc:sqlite:file:/var/data/app.db?mode=rwc#frag      | /var/data/app.db",
            "jdbc:sqlite:file:/var/data/app.db#frag?mode=memory   | /var/data/app.db",
            "jdbc:sqlite:file:rel#frag.db                         | /srv/app/rel",
            "jdbc:sqlite:file:/var/data/a%23b.db                  | /var/data/a#b.db",
            "jdbc:sqlite:file:/var/data/app%2.db                  | /var/data/app%2.db",
            "jdbc:sqlite:file:/var/data/app.db%00.old             | /var/data/app.db",
            "jdbc:sqlite:/var/data/app#1.db                       | /var/data/app#1.db",
            "jdbc:sqlite:/var/data/app#1.db?journal_mode=WAL      | /var/data/app#1.db",
            "jdbc:sqlite:/var/my%20data/app.db                    | /var/my%20data/app.db",
            "jdbc:sqlite:FILE:/var/data/app.db                    | /srv/app/FILE:/var/data/app.db"})
    void urlsNamingAFileGiveItsAbsolutePath(String url, String expected) {
        assertEquals(Path.of(expected), JdbcUrls.toPath(url, CWD));
    }

    /** The file the real driver creates is the one mapped, and the only one. */
    @ParameterizedTest
    @ValueSource(strings = {
            "jdbc:sqlite:file:$DIR/app.db#frag",
            "jdbc:sqlite:file:$DIR/app.db?mode=rwc#frag",
            "jdbc:sqlite:file:$DIR/app.db#frag?mode=memory",
            "jdbc:sqlite:file://localhost$DIR/my%20data.db",
            "jdbc:sqlite:file:$DIR/a%23b%2.db%00.old",
            "jdbc:sqlite:$DIR/app#1.db?busy_timeout=1000",
            "jdbc:sqlite:$DIR/my%20data.db"})
    void theMappedFileIsTheOneSqliteJdbcOpens(String template, @TempDir Path dir) throws Exception {
        String url = template.replace("$DIR", dir.toString());
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE t (x)");
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(JdbcUrls.toPath(url, CWD)), files.collect(Collectors.toList()), url);
        }
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
            "jdbc:sqlite:file://LOCALHOST/app.db        | authority",
            "jdbc:sqlite:file:#app.db                   | names no database file"})
    void urlsWithoutAFileAreRejectedWithTheReason(String url, String reason) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> JdbcUrls.toPath(url, CWD));
        assertTrue(e.getMessage().startsWith("JDBC URL \"" + url + "\": "), e.getMessage());
        assertTrue(e.getMessage().contains(reason), e.getMessage());
        assertTrue(e.getMessage().endsWith("expected jdbc:sqlite:<file path> or jdbc:sqlite:file:<file path>[?params]"),
                e.getMessage());
    }
}
