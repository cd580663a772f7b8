package dev.litestreamagent.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Probing must not release the POSIX locks the application's SQLite holds in this process. */
class PinnedFilesTest {
    private static final Path PROC_LOCKS = Paths.get("/proc/locks");

    @TempDir
    Path dir;

    @Test
    void probingKeepsTheApplicationsLocks() throws Exception {
        assumeTrue(Files.isReadable(PROC_LOCKS), "needs Linux /proc/locks");
        Path db = dir.resolve("app.db");
        try (Connection app = SchemaProbeTest.connect(db)) {
            SchemaProbeTest.execute(app, "PRAGMA journal_mode = DELETE", "CREATE TABLE events (id INTEGER)");
            app.setAutoCommit(false);
            SchemaProbeTest.execute(app, "INSERT INTO events VALUES (1)");
            List<String> held = locksOn(db);
            assertFalse(held.isEmpty(), "the open write transaction holds locks on the database file");

            for (int i = 0; i < 3; i++) {
                assertEquals(SchemaState.HAS_SCHEMA, SchemaProbe.of(db).probe().state());
            }
            assertEquals(held, locksOn(db));

            // What the pinning prevents: closing any descriptor of the file drops them all.
            try (InputStream plainRead = Files.newInputStream(db)) {
                plainRead.read();
            }
            assertEquals(List.of(), locksOn(db));
            app.rollback();
        }
    }

    /** This process's POSIX locks on the file's inode, as /proc/locks lists them. */
    private static List<String> locksOn(Path file) throws IOException {
        String inode = ":" + Files.getAttribute(file, "unix:ino");
        String pid = Long.toString(ProcessHandle.current().pid());
        return Files.readAllLines(PROC_LOCKS).stream()
                .map(line -> line.trim().split("\\s+"))
                .filter(fields -> fields.length >= 8 && fields[1].equals("POSIX") && fields[4].equals(pid)
                        && fields[5].endsWith(inode))
                .map(fields -> String.join(" ", fields[3], fields[6], fields[7]))
                .collect(Collectors.toList());
    }
}
