package dev.litestreamagent.replica;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.litestreamagent.verify.ReplicaWatch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileReplicaWatchTest {

    private static ReplicaWatch watch(Path replica) {
        return FileReplicaWatch.of(Map.of("type", "file", "path", replica.toString()), Map.of());
    }

    /** Moves a directory's time back, as if its last change were long ago (timestamps are coarse). */
    private static void age(Path dir) throws IOException {
        Files.setLastModifiedTime(dir, FileTime.fromMillis(1_000_000L));
    }

    @Test
    void aNewWalSegmentOfLitestream03ChangesTheState(@TempDir Path replica) throws IOException {
        Path wal = Files.createDirectories(replica.resolve("generations/e592c176aefcd133/wal"));
        Files.createDirectories(replica.resolve("generations/e592c176aefcd133/snapshots"));
        age(wal);
        ReplicaWatch watch = watch(replica);
        Optional<String> before = watch.state();

        assertTrue(before.isPresent());
        assertEquals(before, watch.state(), "nothing stored: the same state");
        Files.write(wal.resolve("00000000_00000000.wal.lz4"), new byte[] {1});
        assertNotEquals(before, watch.state());
    }

    @Test
    void aNewGenerationAndALitestream05LevelFileChangeTheState(@TempDir Path replica) throws IOException {
        ReplicaWatch watch = watch(replica);
        Optional<String> empty = watch.state();
        assertTrue(empty.isPresent(), "an empty replica is a state too");

        Files.createDirectories(replica.resolve("generations/0000000000000001"));
        Optional<String> generation = watch.state();
        assertNotEquals(empty, generation);

        Path level = Files.createDirectories(replica.resolve("ltx/0"));
        age(level);
        Optional<String> withLevel = watch.state();
        Files.write(level.resolve("0000000000000001-0000000000000001.ltx"), new byte[] {1});
        assertNotEquals(withLevel, watch.state());
    }

    @Test
    void otherReplicasHaveNoWatch() {
        assertSame(ReplicaWatch.NONE, FileReplicaWatch.of(Map.of("type", "s3", "bucket", "b"), Map.of()));
        assertSame(ReplicaWatch.NONE, FileReplicaWatch.of(Map.of("type", "file", "url", "file:///srv/r"), Map.of()));
        assertSame(ReplicaWatch.NONE, FileReplicaWatch.of(Map.of("type", "file", "path", "~/replica"), Map.of()));
        assertSame(ReplicaWatch.NONE, FileReplicaWatch.of(Map.of("type", "file", "path", "$UNSET_DIR"), Map.of()));
    }

    @Test
    void aPathFromTheEnvironmentIsWatched(@TempDir Path replica) throws IOException {
        ReplicaWatch watch = FileReplicaWatch.of(Map.of("type", "file", "path", "${REPLICA_DIR}"),
                Map.of("REPLICA_DIR", replica.toString()));
        Optional<String> before = watch.state();
        Files.createDirectories(replica.resolve("generations"));
        assertNotEquals(before, watch.state());
    }
}
