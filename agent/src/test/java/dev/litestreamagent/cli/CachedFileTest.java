package dev.litestreamagent.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CachedFileTest {
    private static final byte[] CONTENT = "the driver's bytes".getBytes(StandardCharsets.UTF_8);
    private static final long CRC = CachedFile.crc32(CONTENT);

    private final AtomicInteger reads = new AtomicInteger();

    private CachedFile.Content content(byte[] bytes) {
        return () -> {
            reads.incrementAndGet();
            return new ByteArrayInputStream(bytes);
        };
    }

    @Test
    void writesTheFileOnceThenReusesIt(@TempDir Path dir) throws IOException {
        Path first = CachedFile.ensure(dir, "lib.so", CRC, content(CONTENT));
        Path second = CachedFile.ensure(dir, "lib.so", CRC, content(CONTENT));

        assertEquals(first, second);
        assertArrayEquals(CONTENT, Files.readAllBytes(second));
        assertEquals(1, reads.get(), "the second command reuses the copy");
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file is left behind");
        }
    }

    @Test
    void replacesADamagedCopy(@TempDir Path dir) throws IOException {
        Files.write(dir.resolve("lib.so"), "truncat".getBytes(StandardCharsets.UTF_8));

        Path copy = CachedFile.ensure(dir, "lib.so", CRC, content(CONTENT));

        assertArrayEquals(CONTENT, Files.readAllBytes(copy));
    }

    @Test
    void refusesContentThatIsNotTheEntrysAndLeavesNothing(@TempDir Path dir) throws IOException {
        IOException e = assertThrows(IOException.class,
                () -> CachedFile.ensure(dir, "lib.so", CRC, content("other bytes".getBytes(StandardCharsets.UTF_8))));

        assertTrue(e.getMessage().contains("lib.so") && e.getMessage().contains(Long.toHexString(CRC)), e.getMessage());
        try (var files = Files.list(dir)) {
            assertEquals(0, files.count());
        }
    }
}
