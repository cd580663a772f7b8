package dev.litestreamagent.binary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.litestreamagent.testing.TestBinary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Resolution order and the checks on a binary found locally; scripts stand in where only the path matters. */
class BinaryResolverTest {
    private static final Platform HERE = Platform.of("linux", "amd64");

    @TempDir
    Path dir;
    private ReleaseServer server;
    private Path binPath;
    private Path cached;
    private Path pathDir;
    private String sha;

    @BeforeEach
    void setUp() throws Exception {
        binPath = script(dir.resolve("configured/litestream"));
        cached = script(CacheInstaller.binaryPath(dir.resolve("cache"), BinarySettings.DEFAULT_VERSION, HERE));
        pathDir = dir.resolve("bin");
        script(pathDir.resolve("litestream"));
        byte[] archive = TestArchives.tarGz(Map.of("litestream", "#!/bin/sh\necho v0.3.13\n".getBytes(StandardCharsets.UTF_8)));
        sha = BinaryDownloadTest.sha256(archive);
        server = new ReleaseServer().serve("/v0.3.13/litestream-v0.3.13-linux-amd64.tar.gz", archive);
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    @Test
    void binPathBeatsCacheBeatsPathBeatsDownload() throws Exception {
        String path = "/nonexistent:" + pathDir;
        BinarySettings.Builder settings = BinarySettings.builder().cacheDirectory(dir.resolve("cache"))
                .downloadBaseUrl(server.baseUrl()).sha256(sha);

        assertEquals(new ResolvedBinary(binPath, "litestream.bin-path"),
                new BinaryResolver(settings.binPath(binPath).build(), path, HERE).resolve());
        settings.binPath(null);
        assertEquals(new ResolvedBinary(cached, "cache"), new BinaryResolver(settings.build(), path, HERE).resolve());
        Files.delete(cached);
        assertEquals(new ResolvedBinary(pathDir.resolve("litestream"), "PATH"),
                new BinaryResolver(settings.build(), path, HERE).resolve());
        assertEquals(new ResolvedBinary(cached, "download"),
                new BinaryResolver(settings.build(), "/nonexistent", HERE).resolve());
        assertEquals(new ResolvedBinary(cached, "cache"), new BinaryResolver(settings.build(), path, HERE).resolve(),
                "the download went into the cache, which now comes before PATH");
    }

    @Test
    void pathSkipsNonExecutableAndRelativeEntries() throws Exception {
        Path notExecutable = dir.resolve("plain/litestream");
        Files.createDirectories(notExecutable.getParent());
        Files.write(notExecutable, "#!/bin/sh\n".getBytes(StandardCharsets.UTF_8));
        BinarySettings settings = BinarySettings.builder().cacheDirectory(dir.resolve("empty-cache"))
                .downloadEnabled(false).build();

        ResolvedBinary found = new BinaryResolver(settings, "bin:" + notExecutable.getParent() + ":" + pathDir, HERE).resolve();

        assertEquals(new ResolvedBinary(pathDir.resolve("litestream"), "PATH"), found);
    }

    @Test
    void binPathThatDoesNotExistSaysSo() {
        Path missing = dir.resolve("nope/litestream");
        BinaryException e = assertThrows(BinaryException.class, () -> new BinaryResolver(
                BinarySettings.builder().binPath(missing).build(), pathDir.toString(), HERE).resolve());

        assertEquals("Litestream binary not found at " + missing + " (from litestream.bin-path). Fix the path, or unset "
                + "litestream.bin-path to let the agent find Litestream on PATH or download it.", e.getMessage());
    }

    @Test
    void binPathThatIsNotExecutableSaysChmod() throws IOException {
        Path file = dir.resolve("litestream-noexec");
        Files.copy(binPath, file);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        BinaryException e = assertThrows(BinaryException.class, () -> new BinaryResolver(
                BinarySettings.builder().binPath(file).build(), "", HERE).resolve());

        assertTrue(e.getMessage().contains("is not executable. Fix it with: chmod +x " + file), e.getMessage());
    }

    @Test
    void aBinaryForAnotherArchitectureNamesBoth() throws IOException {
        Path arm = dir.resolve("litestream-arm64");
        Files.write(arm, FakeHeaders.elf(0xb7));
        Files.setPosixFilePermissions(arm, PosixFilePermissions.fromString("rwxr-xr-x"));

        BinaryException e = assertThrows(BinaryException.class, () -> new BinaryResolver(
                BinarySettings.builder().binPath(arm).build(), "", HERE).resolve());

        assertTrue(e.getMessage().contains("is built for linux/arm64 (ELF), but this machine is linux/amd64"), e.getMessage());
        assertTrue(e.getMessage().contains("Install the linux-amd64 build"), e.getMessage());
    }

    @Test
    void aWrongArchitectureOnPathIsAnErrorNotASilentDownload() throws IOException {
        Path armDir = dir.resolve("arm-bin");
        Files.createDirectories(armDir);
        Files.write(armDir.resolve("litestream"), FakeHeaders.elf(0xb7));
        Files.setPosixFilePermissions(armDir.resolve("litestream"), PosixFilePermissions.fromString("rwxr-xr-x"));

        BinaryException e = assertThrows(BinaryException.class, () -> new BinaryResolver(BinarySettings.builder()
                .cacheDirectory(dir.resolve("empty")).downloadBaseUrl(server.baseUrl()).build(), armDir.toString(), HERE).resolve());

        assertTrue(e.getMessage().contains("(from PATH) is built for linux/arm64"), e.getMessage());
        assertEquals(0, server.requests("/v0.3.13/litestream-v0.3.13-linux-amd64.tar.gz"));
    }

    @Test
    void theRealBinaryPassesOnThisMachine() throws Exception {
        Path real = TestBinary.litestream();
        assertEquals(new ResolvedBinary(real.toAbsolutePath(), "litestream.bin-path"),
                new BinaryResolver(BinarySettings.builder().binPath(real).build()).resolve());
    }

    private static Path script(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, "#!/bin/sh\necho v0.3.13\n".getBytes(StandardCharsets.UTF_8));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }
}
