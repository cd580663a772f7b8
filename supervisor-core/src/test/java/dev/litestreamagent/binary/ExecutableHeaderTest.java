package dev.litestreamagent.binary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.litestreamagent.testing.TestBinary;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExecutableHeaderTest {
    @TempDir
    Path dir;

    @Test
    void theRealBinaryIsLinuxAmd64() throws Exception {
        ExecutableHeader header = ExecutableHeader.read(TestBinary.litestream()).orElseThrow();
        assertEquals("linux/amd64 (ELF)", header.describe());
        assertTrue(header.runsOn(Platform.of("linux", "amd64")));
        assertFalse(header.runsOn(Platform.of("linux", "arm64")));
        assertFalse(header.runsOn(Platform.of("darwin", "amd64")));
    }

    @Test
    void machOAndUniversalBinaries() throws Exception {
        assertEquals("darwin/arm64 (Mach-O)", read(FakeHeaders.machO(0x0100000c)).describe());
        ExecutableHeader fat = read(FakeHeaders.fat(0x01000007, 0x0100000c));
        assertTrue(fat.runsOn(Platform.of("darwin", "arm64")) && fat.runsOn(Platform.of("darwin", "amd64")));
        assertFalse(fat.runsOn(Platform.of("linux", "amd64")));
    }

    @Test
    void aScriptHasNoHeaderToCompare() throws Exception {
        Path script = dir.resolve("s");
        Files.write(script, "#!/bin/sh\nexit 0\n".getBytes(StandardCharsets.UTF_8));
        assertTrue(ExecutableHeader.read(script).isEmpty());
    }

    private ExecutableHeader read(byte[] bytes) throws Exception {
        Path file = Files.write(dir.resolve("bin"), bytes);
        return ExecutableHeader.read(file).orElseThrow();
    }
}
