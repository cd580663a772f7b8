package dev.litestreamagent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code litestream.dbs.<alias>.dir} (Litestream 0.5's directory replication) and {@code litestream.exec}. */
class DirectoryEntriesTest {
    private static final String REPLICA = ";dbs.t.replica.type=file;dbs.t.replica.path=/b";

    private static AgentConfig load(String args) throws ConfigException {
        return ConfigLoader.load(ConfigInput.of(args, Map.of(), Map.of(), Path.of("/srv/app"), null));
    }

    private static List<String> problems(String args) {
        ConfigException e = assertThrows(ConfigException.class, () -> load(args));
        return e.problems().stream().map(ConfigProblem::toString).collect(Collectors.toList());
    }

    @Test
    void aDirectoryEntryIsKeptApartFromTheDatabaseFiles() throws Exception {
        AgentConfig config = load("dbs.t.dir=tenants;dbs.t.pattern=*.db;dbs.t.watch=true" + REPLICA
                + ";restore-on-start=true");
        assertTrue(config.databases().isEmpty(), "per-file work must not see a directory");
        DatabaseConfig dir = config.directories().get(0);
        assertEquals(Path.of("/srv/app/tenants"), dir.path());
        assertEquals("*.db", dir.directory().get().pattern());
        assertEquals(Optional.of(true), dir.directory().get().watch());
        assertEquals(Optional.empty(), dir.directory().get().recursive());
        assertFalse(dir.restoreOnStart(), "the global restore-on-start has no file of a directory to restore");
    }

    @Test
    void dirBesidePathOrUrlIsAnErrorNamingBoth() {
        assertEquals(List.of("litestream.dbs.t.path: was \"t.db\", expected either litestream.dbs.t.path (one database "
                + "file) or litestream.dbs.t.dir (a directory of databases), not both"),
                problems("dbs.t.dir=/d;dbs.t.pattern=*.db;dbs.t.path=t.db" + REPLICA));
        assertEquals(List.of("litestream.dbs.t.url: was \"jdbc:sqlite:/d/t.db\", expected either litestream.dbs.t.url "
                + "(one database file) or litestream.dbs.t.dir (a directory of databases), not both"),
                problems("dbs.t.dir=/d;dbs.t.pattern=*.db;dbs.t.url=jdbc:sqlite:/d/t.db" + REPLICA));
    }

    @Test
    void aDirectoryNeedsAPatternLitestreamAccepts() {
        assertEquals(List.of("litestream.dbs.t.pattern: not set, expected a file name pattern such as *.db with "
                + "litestream.dbs.t.dir (Litestream replicates the files of the directory whose names match it)"),
                problems("dbs.t.dir=/d" + REPLICA));
        assertEquals(List.of("litestream.dbs.t.pattern: was \"sub/*.db\", expected a pattern without '/': Litestream "
                + "matches it against each file's name (set litestream.dbs.t.recursive=true for subdirectories)"),
                problems("dbs.t.dir=/d;dbs.t.pattern=sub/*.db" + REPLICA));
        assertEquals(List.of("litestream.dbs.t.pattern: was \"[a-z.db\", expected a pattern Go's filepath.Match "
                + "accepts (*, ?, [a-z], [^a-z], \\ escapes), not a '[' that is never closed"),
                problems("dbs.t.dir=/d;dbs.t.pattern=[a-z.db" + REPLICA));
        assertEquals(List.of("litestream.dbs.t.pattern: was \"db\\\", expected a pattern Go's filepath.Match "
                + "accepts (*, ?, [a-z], [^a-z], \\ escapes), not a '\\' at the end escapes nothing"),
                problems("dbs.t.dir=/d;dbs.t.pattern=db\\" + REPLICA));
        assertEquals(List.of("litestream.dbs.t.watch: was \"often\", expected true or false"),
                problems("dbs.t.dir=/d;dbs.t.pattern=*.db;dbs.t.watch=often" + REPLICA));
    }

    @Test
    void scanSettingsWithoutDirAndRestoreOnStartOnADirectoryAreErrors() {
        assertEquals(List.of("litestream.dbs.t.pattern: was \"*.db\", expected no pattern without litestream.dbs.t.dir:"
                + " it belongs to a directory of databases", "litestream.dbs.t.recursive: was \"true\", expected no "
                + "recursive without litestream.dbs.t.dir: it belongs to a directory of databases"),
                problems("dbs.t.path=/d/t.db;dbs.t.pattern=*.db;dbs.t.recursive=true" + REPLICA));
        assertEquals(List.of("litestream.dbs.t.restore-on-start: was \"true\", expected no restore on start for a "
                + "directory entry (litestream.dbs.t.dir): Litestream finds its databases itself, so none is known to "
                + "restore; restore each file with the CLI's restore and a replica URL"),
                problems("dbs.t.dir=/d;dbs.t.pattern=*.db;dbs.t.restore-on-start=true" + REPLICA));
    }

    @Test
    void aDatabaseFileTheDirectoryWouldReplicateToo() throws Exception {
        String file = "dbs.a.path=/d/sub/a.db;dbs.a.replica.type=file;dbs.a.replica.path=/c;";
        assertEquals(List.of("litestream.dbs.t.dir: was \"/d\", expected a directory whose pattern leaves out "
                + "/d/sub/a.db, which litestream.dbs.a.path names already (one replicator per database): remove that alias, "
                + "or narrow litestream.dbs.t.pattern"),
                problems(file + "dbs.t.dir=/d;dbs.t.pattern=[a-c]*.db;dbs.t.recursive=true" + REPLICA));
        assertEquals(1, load(file + "dbs.t.dir=/d;dbs.t.pattern=[a-c]*.db" + REPLICA).directories().size(),
                "not recursive: the subdirectory's file is not the directory's");
        assertEquals(1, load(file + "dbs.t.dir=/d;dbs.t.pattern=[^a]*.db;dbs.t.recursive=true" + REPLICA)
                .directories().size(), "a pattern that leaves it out");
    }

    @Test
    void goPatternsMatchAsFilepathMatchDoes() {
        assertTrue(GoPattern.compile("*.db").matches("a.db"));
        assertFalse(GoPattern.compile("*.db").matches("a.db-wal"));
        assertTrue(GoPattern.compile("t?-[0-9].sqlite").matches("t1-7.sqlite"));
        assertTrue(GoPattern.compile("[^.]*").matches("app"));
        assertFalse(GoPattern.compile("[^.]*").matches(".hidden"));
        assertTrue(GoPattern.compile("\\*x").matches("*x"));
        assertFalse(GoPattern.compile("\\*x").matches("ax"));
        assertTrue(GoPattern.compile("[\\]a]").matches("]"));
    }

    @Test
    void aFileWhereTheDirectoryShouldBeIsAnError(@TempDir Path tmp) throws Exception {
        Path file = Files.createFile(tmp.resolve("t.db"));
        assertEquals(List.of("litestream.dbs.t.dir: was \"" + file + "\", expected a directory (a single database file "
                + "is litestream.dbs.t.path)"), problems("dbs.t.dir=" + file + ";dbs.t.pattern=*.db" + REPLICA));
    }

    @Test
    void theExecCommandIsASecretInSettingsAndInErrors() throws Exception {
        AgentConfig config = load("exec=app --password=hunter2;dbs.a.path=/a.db;dbs.a.replica.type=file;"
                + "dbs.a.replica.path=/b");
        assertEquals(Optional.of("app --password=hunter2"), config.exec());
        assertEquals("****", config.settings().get("litestream.exec"));
        assertFalse(config.toString().contains("hunter2"), config.toString());
    }
}
