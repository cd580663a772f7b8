package dev.litestreamagent.exec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What the kernel says about a running process (Linux /proc), as opposed to what a file claims:
 * the executable it runs and the user it runs as. Empty when the process is gone, /proc does
 * not tell (not Linux), or we may not look (another user's process, without privileges).
 */
public final class LiveProcess {
    private LiveProcess() {
    }

    /** The real path of the executable {@code pid} runs ({@code /proc/<pid>/exe}). */
    public static Optional<Path> executable(long pid) {
        try {
            return Optional.of(proc(pid).resolve("exe").toRealPath());
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
    }

    /** The real uid {@code pid} runs as (the owner of {@code /proc/<pid>}). */
    public static OptionalLong ownerUid(long pid) {
        try {
            return OptionalLong.of(((Number) Files.getAttribute(proc(pid), "unix:uid")).longValue());
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | SecurityException e) {
            return OptionalLong.empty();
        }
    }

    private static Path proc(long pid) {
        return Paths.get("/proc", Long.toString(pid));
    }
}
