package dev.litestreamagent.supervisor.log;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogFollowerTest {
    @TempDir
    Path dir;

    private final List<String> lines = new CopyOnWriteArrayList<>();

    private static void append(Path file, String text) throws Exception {
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void followsNewLinesAndDeliversTheLastUnterminatedOneOnDrain() throws Exception {
        Path log = dir.resolve("litestream.log");
        append(log, "from an earlier run\n");
        try (LogFollower follower = new LogFollower(log, 1 << 20, lines::add, "test-follower")) {
            follower.start();
            append(log, "one\ntwo\r\nthr");
            await().until(() -> lines.size() == 2);
            append(log, "ee");
            follower.drain();
            assertEquals(List.of("one", "two", "three"), lines);
        }
    }

    @Test
    void theFileIsTruncatedOnceReadAndOverTheLimit() throws Exception {
        Path log = dir.resolve("litestream.log");
        String line = "x".repeat(99) + "\n";
        try (LogFollower follower = new LogFollower(log, 8192, lines::add, "test-follower")) {
            follower.start();
            append(log, line.repeat(60));
            follower.drain();
            append(log, line.repeat(40)); // 10 000 bytes read in all
            follower.drain();
            assertEquals(100, lines.size());
            assertEquals(0, Files.size(log));
            append(log, "after\n");
            follower.drain();
            assertEquals("after", lines.get(100));
        }
    }

    @Test
    void aReaderMoreThanTheLimitBehindSkipsAheadInsteadOfGrowingTheFile() throws Exception {
        Path log = dir.resolve("litestream.log");
        try (LogFollower follower = new LogFollower(log, 8192, lines::add, "test-follower")) {
            follower.start();
            append(log, "z".repeat(99).concat("\n").repeat(100) + "last\n");
            follower.drain();
            assertEquals(List.of(), lines);
            append(log, "fresh\n");
            follower.drain();
            assertEquals(List.of("fresh"), lines);
        }
    }

    @Test
    void aHugeLineIsCut() throws Exception {
        Path log = dir.resolve("litestream.log");
        try (LogFollower follower = new LogFollower(log, 1 << 20, lines::add, "test-follower")) {
            follower.start();
            append(log, "y".repeat(100_000) + "\nnext\n");
            follower.drain();
            assertEquals(2, lines.size());
            assertTrue(lines.get(0).endsWith("[line cut at 16384 bytes]"), lines.get(0).substring(16300));
            assertEquals("next", lines.get(1));
        }
    }
}
