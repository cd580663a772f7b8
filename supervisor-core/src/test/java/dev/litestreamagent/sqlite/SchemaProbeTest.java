package dev.litestreamagent.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The probe against files written by real SQLite (sqlite-jdbc), and against WAL bytes edited by hand. */
class SchemaProbeTest {
    @TempDir
    Path dir;

    @Test
    void noFileIsMissing() {
        assertEquals(SchemaState.MISSING, probe(dir.resolve("app.db")));
    }

    @Test
    void emptyFileIsEmpty() throws IOException {
        assertEquals(SchemaState.EMPTY, probe(Files.createFile(dir.resolve("app.db"))));
    }

    @Test
    void walModeWithoutTablesIsEmpty() throws Exception {
        Path db = dir.resolve("app.db");
        try (Connection app = wal(db)) {
            execute(app, "PRAGMA user_version = 7");
            assertEquals(SchemaState.EMPTY, probe(db));
        }
        assertEquals(SchemaState.EMPTY, probe(db));
    }

    @Test
    void theSchemaCookieChangesWithTheSchemaNotWithRows() throws Exception {
        Path db = dir.resolve("app.db");
        try (Connection app = wal(db)) {
            execute(app, "CREATE TABLE events (id INTEGER PRIMARY KEY)");
            long created = SchemaProbe.of(db).probe().schemaCookie();
            execute(app, "INSERT INTO events DEFAULT VALUES");
            assertEquals(created, SchemaProbe.of(db).probe().schemaCookie());
            execute(app, "CREATE INDEX events_id ON events (id)");
            assertNotEquals(created, SchemaProbe.of(db).probe().schemaCookie());
        }
        assertEquals(-1, SchemaProbe.of(dir.resolve("none.db")).probe().schemaCookie());
    }

    @Test
    void tableCreatedInRollbackJournalModeIsSeen() throws Exception {
        Path db = created("PRAGMA journal_mode = DELETE", "CREATE TABLE events (id INTEGER PRIMARY KEY)");
        assertFalse(Files.exists(wal(db.toString())));
        ProbeResult result = SchemaProbe.of(db).probe();
        assertEquals(SchemaState.HAS_SCHEMA, result.state());
        assertEquals("1 entry in sqlite_master", result.detail());
    }

    @Test
    void tableStillOnlyInTheWalIsSeen() throws Exception {
        Path db = dir.resolve("app.db");
        try (Connection app = wal(db)) {
            execute(app, "CREATE TABLE events (id INTEGER PRIMARY KEY)");
            assertEquals(SchemaState.HAS_SCHEMA, probe(db));
            // The database file alone still says "no tables": the answer above came from the WAL.
            Path fileOnly = Files.copy(db, dir.resolve("file-only.db"));
            assertEquals(SchemaState.EMPTY, probe(fileOnly));
        }
    }

    @Test
    void tableCheckpointedIntoTheDatabaseFileIsSeen() throws Exception {
        Path db = dir.resolve("app.db");
        try (Connection app = wal(db)) {
            execute(app, "CREATE TABLE events (id INTEGER PRIMARY KEY)", "PRAGMA wal_checkpoint(TRUNCATE)");
            assertEquals(0, Files.size(wal(db.toString())));
            assertEquals(SchemaState.HAS_SCHEMA, probe(db));
        }
    }

    @Test
    void framesOfAnEarlierWalGenerationAreIgnored() throws Exception {
        Path db = dir.resolve("app.db");
        try (Connection app = wal(db)) {
            execute(app, "CREATE TABLE a (body TEXT)", "BEGIN");
            for (int i = 0; i < 2000; i++) {
                execute(app, "INSERT INTO a VALUES (printf('%.100c', 'x'))");
            }
            execute(app, "COMMIT", "CREATE TABLE b (x)", "PRAGMA wal_checkpoint(PASSIVE)",
                    "DROP TABLE b", "DROP TABLE a");
            assertEquals(0, count(app, "SELECT count(*) FROM sqlite_master"));

            // The new generation overwrote the start of the WAL; past its end, the earlier one's
            // frames remain, page 1 with two tables among them.
            WalBytes walBytes = WalBytes.of(wal(db.toString()));
            int stalePageOne = walBytes.pageOneFrames().get(walBytes.pageOneFrames().size() - 1);
            assertFalse(walBytes.hasHeaderSalts(stalePageOne));
            assertEquals(SchemaState.EMPTY, probe(db));
        }
    }

    @Test
    void tornCommitFrameLeavesTheTransactionOut() throws Exception {
        Path copy = editedCopy((wal, file) -> wal.write(file, wal.size() - wal.pageSize() / 2),
                "CREATE TABLE events (id INTEGER PRIMARY KEY)");
        assertEquals(SchemaState.EMPTY, probe(copy));
        assertEquals(0, tablesSeenBySqlite(copy));
    }

    @Test
    void tornLaterTransactionKeepsTheEarlierCommit() throws Exception {
        Path copy = editedCopy((wal, file) -> wal.write(file, wal.size() - 10),
                "CREATE TABLE events (id INTEGER PRIMARY KEY)", "DROP TABLE events");
        assertEquals(SchemaState.HAS_SCHEMA, probe(copy));
        assertEquals(1, tablesSeenBySqlite(copy));
    }

    @Test
    void framesWithoutACommitFrameAreIgnored() throws Exception {
        Path copy = editedCopy((wal, file) -> {
            wal.setCommitSize(wal.lastFrame(), 0);
            wal.rechecksum(ByteOrder.LITTLE_ENDIAN);
            wal.write(file);
        }, "CREATE TABLE a (x)", "CREATE TABLE b (x)");
        assertEquals("1 entry in sqlite_master", SchemaProbe.of(copy).probe().detail());
        assertEquals(1, tablesSeenBySqlite(copy));
    }

    @Test
    void aBrokenChecksumEndsTheWal() throws Exception {
        Path copy = editedCopy((wal, file) -> {
            wal.flipPageByte(wal.pageOneFrames().get(0), 2000);
            wal.write(file);
        }, "CREATE TABLE events (id INTEGER PRIMARY KEY)");
        assertEquals(SchemaState.EMPTY, probe(copy));
        assertEquals(0, tablesSeenBySqlite(copy));
    }

    @Test
    void bigEndianChecksumsAreRead() throws Exception {
        Path copy = editedCopy((wal, file) -> {
            wal.rechecksum(ByteOrder.BIG_ENDIAN);
            wal.write(file);
        }, "CREATE TABLE events (id INTEGER PRIMARY KEY)");
        assertEquals(SchemaState.HAS_SCHEMA, probe(copy));
        assertEquals(1, tablesSeenBySqlite(copy), "SQLite reads the rewritten WAL too");
    }

    @Test
    void otherFilesAreNotSqlite() throws IOException {
        byte[] text = "hello, this is not a database\n".repeat(200).getBytes(StandardCharsets.US_ASCII);
        byte[] encrypted = new byte[4096];
        new Random(15).nextBytes(encrypted);
        assertEquals(SchemaState.NOT_SQLITE, probe(Files.write(dir.resolve("text.db"), text)));
        assertEquals(SchemaState.NOT_SQLITE, probe(Files.write(dir.resolve("encrypted.db"), encrypted)));
        assertEquals(SchemaState.NOT_SQLITE, probe(Files.write(dir.resolve("short.db"), new byte[100])));
        assertEquals(SchemaState.NOT_SQLITE, probe(Files.createDirectory(dir.resolve("directory.db"))));
    }

    @Test
    void aViewAloneIsASchema() throws Exception {
        assertEquals(SchemaState.HAS_SCHEMA, probe(created("CREATE VIEW answer AS SELECT 42")));
    }

    @Test
    void sqliteMasterSpanningPagesIsASchema() throws Exception {
        List<String> statements = new ArrayList<>(List.of("PRAGMA page_size = 512"));
        for (int i = 0; i < 40; i++) {
            statements.add("CREATE TABLE t" + i + " (id INTEGER PRIMARY KEY, body TEXT)");
            statements.add("CREATE INDEX i" + i + " ON t" + i + " (body)");
        }
        Path db = created(statements.toArray(new String[0]));
        assertEquals(0x05, Files.readAllBytes(db)[100], "page 1 is an interior page");
        assertEquals(SchemaState.HAS_SCHEMA, probe(db));
    }

    @ParameterizedTest
    @ValueSource(ints = {512, 65536})
    void pageSizesAtBothEnds(int pageSize) throws Exception {
        Path db = dir.resolve("app.db");
        try (Connection app = connect(db)) {
            execute(app, "PRAGMA page_size = " + pageSize, "PRAGMA journal_mode = WAL", "PRAGMA wal_autocheckpoint = 0");
            assertEquals(SchemaState.EMPTY, probe(db));
            execute(app, "CREATE TABLE events (id INTEGER PRIMARY KEY)");
            assertEquals(pageSize, WalBytes.of(wal(db.toString())).pageSize());
            assertEquals(SchemaState.HAS_SCHEMA, probe(db));
        }
    }

    @Test
    void liveRollbackJournalMeansLookAgain() throws Exception {
        Path db = created("PRAGMA user_version = 1");
        // What a crash between writing the database file and committing leaves behind.
        byte[] journal = new byte[512];
        byte[] magic = {(byte) 0xd9, (byte) 0xd5, 0x05, (byte) 0xf9, 0x20, (byte) 0xa1, 0x63, (byte) 0xd7};
        System.arraycopy(magic, 0, journal, 0, magic.length);
        Files.write(Paths.get(db + "-journal"), journal);

        assertEquals(SchemaState.UNKNOWN, probe(db));
    }

    @Test
    void openTransactionInRollbackJournalModeIsNotCountedUntilCommitted() throws Exception {
        Path db = dir.resolve("app.db");
        try (Connection app = connect(db)) {
            execute(app, "PRAGMA user_version = 1");
            app.setAutoCommit(false);
            execute(app, "CREATE TABLE events (id INTEGER PRIMARY KEY)");
            assertEquals(SchemaState.EMPTY, probe(db));
            app.commit();
            assertEquals(SchemaState.HAS_SCHEMA, probe(db));
        }
    }

    @Test
    void oneProbeFollowsTheWalThroughGrowthAndRestarts() throws Exception {
        Path db = dir.resolve("app.db");
        SchemaProbe probe = SchemaProbe.of(db);
        try (Connection app = wal(db)) {
            assertEquals(SchemaState.EMPTY, probe.probe().state());
            execute(app, "CREATE TABLE events (body TEXT)");
            assertEquals(SchemaState.HAS_SCHEMA, probe.probe().state());
            for (int i = 0; i < 300; i++) {
                execute(app, "INSERT INTO events VALUES (printf('%.500c', 'x'))");
                if (i % 100 == 0) {
                    assertEquals(SchemaState.HAS_SCHEMA, probe.probe().state());
                }
            }
            execute(app, "PRAGMA wal_checkpoint(PASSIVE)", "DROP TABLE events");
            assertEquals(SchemaState.EMPTY, probe.probe().state(), "after the WAL restarted");
            execute(app, "CREATE TABLE again (x)");
            assertEquals(SchemaState.HAS_SCHEMA, probe.probe().state());
            execute(app, "PRAGMA wal_checkpoint(TRUNCATE)", "DROP TABLE again");
            assertEquals(SchemaState.EMPTY, probe.probe().state(), "after the WAL was truncated");
        }
    }

    @Test
    void aReplacedFileIsReadAfresh() throws Exception {
        Path db = created("CREATE TABLE events (id INTEGER PRIMARY KEY)");
        SchemaProbe probe = SchemaProbe.of(db);
        assertEquals(SchemaState.HAS_SCHEMA, probe.probe().state());
        Files.delete(db);
        Files.createFile(db);
        assertEquals(SchemaState.EMPTY, probe.probe().state());
    }

    private static SchemaState probe(Path db) {
        return SchemaProbe.of(db).probe().state();
    }

    static Path wal(String db) {
        return Paths.get(db + "-wal");
    }

    /** Creates app.db in the default (rollback journal) mode with {@code statements}, and closes it. */
    private Path created(String... statements) throws SQLException {
        Path db = dir.resolve("app.db");
        try (Connection app = connect(db)) {
            execute(app, statements);
        }
        return db;
    }

    /** How a test damages a WAL: edit the bytes, then write them to the file. */
    private interface WalEdit {
        void apply(WalBytes wal, Path file) throws IOException;
    }

    /**
     * Runs {@code statements} in WAL mode without checkpoints, then copies the database and its
     * WAL while the application keeps them open, and edits the copy's WAL.
     */
    private Path editedCopy(WalEdit edit, String... statements) throws IOException, SQLException {
        Path db = dir.resolve("app.db");
        Path copy = dir.resolve("copy.db");
        try (Connection app = wal(db)) {
            execute(app, statements);
            Files.copy(db, copy);
            Files.copy(wal(db.toString()), wal(copy.toString()));
        }
        edit.apply(WalBytes.of(wal(copy.toString())), wal(copy.toString()));
        return copy;
    }

    /** What SQLite itself makes of the files (it recovers the WAL, so ask only after probing). */
    private static int tablesSeenBySqlite(Path db) throws SQLException {
        try (Connection connection = connect(db)) {
            return count(connection, "SELECT count(*) FROM sqlite_master");
        }
    }

    static Connection connect(Path db) throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + db);
    }

    /** An application connection in WAL mode that never checkpoints by itself, so the WAL keeps every change. */
    static Connection wal(Path db) throws SQLException {
        Connection connection = connect(db);
        execute(connection, "PRAGMA journal_mode = WAL", "PRAGMA wal_autocheckpoint = 0");
        return connection;
    }

    static void execute(Connection connection, String... statements) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    private static int count(Connection connection, String query) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(query)) {
            return rows.getInt(1);
        }
    }
}
