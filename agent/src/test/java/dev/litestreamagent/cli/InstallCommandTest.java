package dev.litestreamagent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.litestreamagent.binary.BinarySettings;
import dev.litestreamagent.supervisor.Clock;
import dev.litestreamagent.testing.ProcessResult;
import dev.litestreamagent.testing.TestBinary;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** install through the agent's download route, from a file:/// mirror holding a release-shaped archive of the real binary. */
class InstallCommandTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @TempDir
    Path dir;
    private String mirror;
    private String archiveSha256;

    @BeforeEach
    void mirrorTheRelease() throws Exception {
        Path staging = Files.createDirectories(dir.resolve("staging"));
        Files.copy(TestBinary.litestream(), staging.resolve("litestream"));
        Path release = Files.createDirectories(dir.resolve("mirror/v0.3.13"));
        Path archive = release.resolve("litestream-v0.3.13-linux-amd64.tar.gz");
        ProcessResult tar = ProcessResult.run(List.of("tar", "-czf", archive.toString(), "-C", staging.toString(),
                "litestream"), 60);
        assertEquals(0, tar.exitCode(), tar.toString());
        archiveSha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(archive)));
        mirror = dir.resolve("mirror").toUri().toString().replaceAll("/$", "");
    }

    private int run(BinarySettings.Builder settings, String... args) {
        return new Cli(() -> {
            throw new AssertionError("install needs no Litestream to be found first");
        }, () -> settings, new RecordingLauncher(), Clock.SYSTEM, () -> null, new PrintStream(out, true),
                new PrintStream(err, true)).run(args);
    }

    private BinarySettings.Builder settings() {
        // bin-path set and PATH lookup on, as in a configured application: install ignores both.
        return BinarySettings.builder().downloadBaseUrl(mirror).sha256(archiveSha256)
                .cacheDirectory(dir.resolve("cache")).binPath(dir.resolve("elsewhere/litestream"));
    }

    @Test
    void downloadsIntoTheCacheOnceAndPrintsTheBinPathLineLast() {
        Path installed = dir.resolve("cache/v0.3.13/linux-amd64/litestream");

        assertEquals(0, run(settings(), "install"), err.toString(StandardCharsets.UTF_8));
        List<String> first = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals("Litestream v0.3.13: " + installed + " (downloaded from " + mirror + ", sha256 checked)", first.get(0));
        assertEquals("litestream.bin-path=" + installed, first.get(first.size() - 1));
        assertTrue(Files.isExecutable(installed));

        out.reset();
        assertEquals(0, run(settings(), "install"));
        assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("Litestream v0.3.13: " + installed + " (already installed)"),
                out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void intoADirectoryOfTheUsersChoice() {
        assertEquals(0, run(settings(), "install", "--dir", dir.resolve("tools").toString()));
        assertTrue(out.toString(StandardCharsets.UTF_8).endsWith("litestream.bin-path="
                + dir.resolve("tools/v0.3.13/linux-amd64/litestream") + "\n"), out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void downloadsOffAndAnUnreachableMirrorAreFailuresThatSayWhatToDo() {
        assertEquals(1, run(settings().downloadEnabled(false), "install"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("install: downloading is off (litestream.download.enabled=false)"),
                err.toString(StandardCharsets.UTF_8));
        err.reset();
        assertEquals(1, run(settings().downloadBaseUrl(dir.resolve("no-mirror").toUri().toString()), "install"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("failed: no such file"), err.toString(StandardCharsets.UTF_8));
    }
}
