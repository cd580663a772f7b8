package dev.litestreamagent.binary;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchiveExtractorTest {
    @TempDir
    Path dir;

    @Test
    void takesLitestreamFromATarWithOtherFiles() throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("README.md", "read me".getBytes(StandardCharsets.UTF_8));
        entries.put("litestream", "the binary".getBytes(StandardCharsets.UTF_8));
        entries.put("etc/litestream.yml", "dbs: []".getBytes(StandardCharsets.UTF_8));
        Path archive = Files.write(dir.resolve("a.tar.gz"), TestArchives.tarGz(entries));

        ArchiveExtractor.extractBinary(archive, false, dir.resolve("out"));

        assertArrayEquals("the binary".getBytes(StandardCharsets.UTF_8), Files.readAllBytes(dir.resolve("out")));
    }

    @Test
    void readsWhatGnuTarWritesIncludingPaxLongNames() throws Exception {
        Path src = Files.createDirectories(dir.resolve("src"));
        Files.write(src.resolve("litestream"), "from gnu tar".getBytes(StandardCharsets.UTF_8));
        Files.write(src.resolve("x".repeat(150)), new byte[700]);
        Path archive = dir.resolve("gnu.tar.gz");
        Process tar = new ProcessBuilder("tar", "--format=pax", "-czf", archive.toString(), "-C", src.toString(),
                "x".repeat(150), "litestream").inheritIO().start();
        assertTrue(tar.waitFor() == 0, "tar failed");

        ArchiveExtractor.extractBinary(archive, false, dir.resolve("out"));

        assertArrayEquals("from gnu tar".getBytes(StandardCharsets.UTF_8), Files.readAllBytes(dir.resolve("out")));
    }

    @Test
    void refusesPathTraversal() throws IOException {
        for (String evil : List.of("../litestream", "/etc/litestream", "a/../../litestream")) {
            Map<String, byte[]> entries = Map.of(evil, new byte[] {1});
            Path archive = Files.write(dir.resolve("evil.tar.gz"), TestArchives.tarGz(entries));
            IOException e = assertThrows(IOException.class,
                    () -> ArchiveExtractor.extractBinary(archive, false, dir.resolve("out")));
            assertTrue(e.getMessage().contains("path traversal"), e.getMessage());
            assertFalse(Files.exists(dir.resolve("out")));
        }
    }

    @Test
    void anArchiveWithoutLitestreamIsRefused() throws IOException {
        Path archive = Files.write(dir.resolve("a.tar.gz"), TestArchives.tarGz(Map.of("other", new byte[3])));
        IOException e = assertThrows(IOException.class, () -> ArchiveExtractor.extractBinary(archive, false, dir.resolve("out")));
        assertTrue(e.getMessage().contains("has no file named litestream"), e.getMessage());
    }
}
