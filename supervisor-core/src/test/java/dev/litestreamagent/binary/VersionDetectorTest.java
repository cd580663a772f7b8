package dev.litestreamagent.binary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.litestreamagent.dialect.LitestreamVersion;
import dev.litestreamagent.testing.TestBinary;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VersionDetectorTest {
    @TempDir
    Path dir;

    @Test
    void theRealBinaryIsV0313() throws Exception {
        assertEquals(LitestreamVersion.V0_3_13, new VersionDetector().versionOf(TestBinary.litestream()));
    }

    @Test
    void cachedByPathAndModificationTime() throws Exception {
        Path fake = script("echo v0.5.2");
        FileTime mtime = FileTime.fromMillis(1_700_000_000_000L);
        Files.setLastModifiedTime(fake, mtime);
        VersionDetector detector = new VersionDetector(Duration.ofSeconds(5));
        assertEquals(LitestreamVersion.parse("v0.5.2"), detector.versionOf(fake));

        script("echo v0.5.7");
        Files.setLastModifiedTime(fake, mtime);
        assertEquals(LitestreamVersion.parse("v0.5.2"), detector.versionOf(fake), "same path and mtime: not run again");

        Files.setLastModifiedTime(fake, FileTime.fromMillis(1_700_000_001_000L));
        assertEquals(LitestreamVersion.parse("v0.5.7"), detector.versionOf(fake), "replaced binary: run again");
    }

    @Test
    void aBinaryThatHangsTimesOut() throws Exception {
        Path hanging = script("exec sleep 30");
        BinaryException e = assertThrows(BinaryException.class,
                () -> new VersionDetector(Duration.ofMillis(300)).versionOf(hanging));
        assertTrue(e.getMessage().contains("did not answer within 300 ms"), e.getMessage());
    }

    @Test
    void outputThatIsNoVersionIsExplained() throws Exception {
        Path dev = script("echo '(development build)'");
        BinaryException e = assertThrows(BinaryException.class, () -> new VersionDetector(Duration.ofSeconds(5)).versionOf(dev));
        assertTrue(e.getMessage().contains("printed \"(development build)\", not a release version"), e.getMessage());
    }

    @Test
    void aFailingBinaryReportsExitCodeAndOutput() throws Exception {
        Path failing = script("echo boom >&2; exit 3");
        BinaryException e = assertThrows(BinaryException.class, () -> new VersionDetector(Duration.ofSeconds(5)).versionOf(failing));
        assertTrue(e.getMessage().endsWith("version` exited 3: boom"), e.getMessage());
    }

    /** The CLI and every agent start ask again in a new JVM: the answer kept in the cache directory saves the spawn. */
    @Test
    void laterJvmsReuseTheAnswerKeptInTheCacheDirectory() throws Exception {
        Path runs = dir.resolve("runs");
        Path fake = script("echo run >> " + runs + "; echo v0.5.2");
        Path cache = dir.resolve("cache");
        FileTime mtime = FileTime.fromMillis(1_700_000_000_000L);
        Files.setLastModifiedTime(fake, mtime);
        assertEquals(LitestreamVersion.parse("v0.5.2"), VersionDetector.remembering(Optional.of(cache)).versionOf(fake));
        assertEquals(LitestreamVersion.parse("v0.5.2"), VersionDetector.remembering(Optional.of(cache)).versionOf(fake));
        assertEquals(1, Files.readAllLines(runs).size(), "a second detector over the same cache does not run the binary");

        script("echo run >> " + runs + "; echo v0.5.77");
        Files.setLastModifiedTime(fake, mtime);
        assertEquals(LitestreamVersion.parse("v0.5.77"), VersionDetector.remembering(Optional.of(cache)).versionOf(fake),
                "same mtime, another size: asked again");
        Files.write(cache.resolve(KnownVersions.FILE_NAME), "x=\\uZZZZ".getBytes(StandardCharsets.UTF_8));
        assertEquals(LitestreamVersion.parse("v0.5.77"), VersionDetector.remembering(Optional.of(cache)).versionOf(fake),
                "an unreadable cache file is a miss");
        assertEquals(3, Files.readAllLines(runs).size());
    }

    /** The CLI's version prints what the binary printed, also when only the cache directory remembers it. */
    @Test
    void theOutputIsKeptAsPrinted() throws Exception {
        Path runs = dir.resolve("runs");
        Path fake = script("echo run >> " + runs + "; printf '0.5.2\\n'");
        Path cache = dir.resolve("cache");
        assertEquals("0.5.2\n", VersionDetector.remembering(Optional.of(cache)).versionOutput(fake));
        VersionDetector later = VersionDetector.remembering(Optional.of(cache));
        assertEquals(LitestreamVersion.parse("v0.5.2"), later.versionOf(fake));
        assertEquals("0.5.2\n", later.versionOutput(fake), "as printed, not as the version's own form v0.5.2");
        assertEquals(1, Files.readAllLines(runs).size());
    }

    private Path script(String body) throws Exception {
        Path file = dir.resolve("litestream");
        Files.write(file, ("#!/bin/sh\n" + body + "\n").getBytes(StandardCharsets.UTF_8));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }
}
