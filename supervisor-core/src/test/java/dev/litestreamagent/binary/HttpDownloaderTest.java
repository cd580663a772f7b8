package dev.litestreamagent.binary;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 17 (5): a 600 MiB body was written to the cache before the checksum refused it. */
class HttpDownloaderTest {
    private static final long CAP = 1 << 20;

    @TempDir
    Path dir;

    @Test
    void aBodyLargerThanTheCapIsRefusedFromItsLength() throws Exception {
        try (ReleaseServer server = new ReleaseServer().serve("/huge", new byte[(int) CAP * 3])) {
            Path target = dir.resolve("archive.part");
            BinaryException e = assertThrows(BinaryException.class, () -> new HttpDownloader(Duration.ofSeconds(20), CAP)
                    .download(URI.create(server.baseUrl() + "/huge"), target, System.nanoTime() + 20_000_000_000L));
            assertTrue(e.getMessage().contains("is larger than " + CAP + " bytes"), e.getMessage());
            assertTrue(!Files.exists(target) || Files.size(target) == 0, "the body was written");
        }
    }

    @Test
    void aBodyWithoutALengthIsCutAtTheCap() throws Exception {
        try (ReleaseServer server = new ReleaseServer().serve("/huge", new byte[(int) CAP * 3])) {
            server.chunked();
            Path target = dir.resolve("archive.part");
            BinaryException e = assertThrows(BinaryException.class, () -> new HttpDownloader(Duration.ofSeconds(20), CAP)
                    .download(URI.create(server.baseUrl() + "/huge"), target, System.nanoTime() + 20_000_000_000L));
            assertTrue(e.getMessage().contains("is larger than " + CAP + " bytes"), e.getMessage());
            assertTrue(Files.size(target) <= CAP, "wrote " + Files.size(target) + " bytes");
        }
    }
}
