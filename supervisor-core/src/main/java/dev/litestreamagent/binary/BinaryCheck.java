package dev.litestreamagent.binary;

import dev.litestreamagent.settings.Keys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Checks that a candidate binary exists, is an executable file and was built for this machine. */
final class BinaryCheck {
    private BinaryCheck() {
    }

    /**
     * @param source where the path came from, for the message ({@code litestream.bin-path}, {@code PATH})
     * @param platform this machine; empty when unsupported (then the header is not compared)
     */
    static void verify(Path binary, String source, Optional<Platform> platform) throws BinaryException {
        if (!Files.exists(binary)) {
            throw new BinaryException("Litestream binary not found at " + binary + " (from " + source
                    + "). Fix the path, or unset " + Keys.BIN_PATH
                    + " to let the agent find Litestream on PATH or download it.");
        }
        if (!Files.isRegularFile(binary)) {
            throw new BinaryException("Litestream binary " + binary + " (from " + source
                    + ") is not a regular file; point it at the litestream executable itself.");
        }
        if (!Files.isExecutable(binary)) {
            throw new BinaryException("Litestream binary " + binary + " (from " + source
                    + ") is not executable. Fix it with: chmod +x " + binary);
        }
        if (platform.isPresent()) {
            checkArchitecture(binary, binary.toString(), source, platform.get());
        }
    }

    /** Compares the ELF/Mach-O header with this machine; {@code shown} names the file in the message. */
    static void checkArchitecture(Path binary, String shown, String source, Platform platform) throws BinaryException {
        Optional<ExecutableHeader> header;
        try {
            header = ExecutableHeader.read(binary);
        } catch (IOException e) {
            throw new BinaryException("Litestream binary " + shown + " (from " + source
                    + ") cannot be read: " + e.getMessage() + ". Check its permissions.", e);
        }
        if (header.isPresent() && !header.get().runsOn(platform)) {
            throw new BinaryException("Litestream binary " + shown + " (from " + source + ") is built for "
                    + header.get().describe() + ", but this machine is " + platform + ". Install the "
                    + platform.os() + "-" + platform.arch() + " build of Litestream and set "
                    + Keys.BIN_PATH + " to it (or put it on PATH).");
        }
    }
}
