package dev.litestreamagent.exec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What the kernel says about a running process (Linux /proc), as opposed to what a file claims:
 * the executable it runs, the user it runs as, whether it runs and since when. Empty when the process
 * is gone, /proc does not tell (not Linux), or we may not look (another user's process, without
 * privileges). Read directly, not through {@link ProcessHandle}, whose first use starts a process reaper
 * pool and the lambda machinery: about 10 ms of a cold CLI command such as {@code status}.
 */
public final class LiveProcess {
    private static final Path PROC = Paths.get("/proc");
    /** {@code sysconf(_SC_CLK_TCK)}: Linux's USER_HZ, the unit of {@code /proc}'s times, 100 wherever a JDK runs. */
    private static final long TICKS_PER_SECOND = 100;
    /** {@code starttime}, field 22 of {@code /proc/PID/stat}, counted from field 3, the first after the command. */
    private static final int START_TIME = 22 - 3;

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
        return PROC.resolve(Long.toString(pid));
    }

    /**
     * Whether {@code pid} runs now (a zombie too, as for {@link ProcessHandle#isAlive}) and, when {@code notAfter}
     * is given, started no later than that, as far as its start is known: a pid the OS handed to a new process
     * since is not the one that wrote at {@code notAfter}.
     */
    public static boolean runs(long pid, Optional<Instant> notAfter) {
        if (!Files.isReadable(PROC.resolve("self").resolve("stat"))) {
            return viaProcessHandle(pid, notAfter);
        }
        String stat;
        try {
            stat = new String(Files.readAllBytes(proc(pid).resolve("stat")),
                    StandardCharsets.ISO_8859_1);
        } catch (IOException gone) {
            return false;
        }
        Optional<Instant> start = notAfter.isPresent() ? start(stat) : Optional.empty();
        return !start.isPresent() || !start.get().isAfter(notAfter.get());
    }

    /** Boot time plus the process's start in ticks, in milliseconds as {@link ProcessHandle.Info#startInstant}. */
    private static Optional<Instant> start(String stat) {
        try {
            // The command (field 2) is in parentheses and may hold spaces and parentheses itself.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[START_TIME]);
            for (String line : Files.readAllLines(PROC.resolve("stat"), StandardCharsets.ISO_8859_1)) {
                if (line.startsWith("btime ")) {
                    long bootSeconds = Long.parseLong(line.substring("btime ".length()).trim());
                    return Optional.of(Instant.ofEpochMilli(bootSeconds * 1000 + ticks * 1000 / TICKS_PER_SECOND));
                }
            }
        } catch (IOException | RuntimeException malformed) {
            // unknown, as when ProcessHandle cannot tell
        }
        return Optional.empty();
    }

    private static boolean viaProcessHandle(long pid, Optional<Instant> notAfter) {
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        if (!process.isPresent() || !process.get().isAlive()) {
            return false;
        }
        Optional<Instant> start = notAfter.isPresent() ? process.get().info().startInstant() : Optional.empty();
        return !start.isPresent() || !start.get().isAfter(notAfter.get());
    }
}

