package dev.litestreamagent.cli.command;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.Optional;

/**
 * Whether a pid runs and started no later than an instant: on Linux read from {@code /proc} as the JDK's
 * {@link ProcessHandle} reads it there, without it, because its first use starts a process reaper pool and the
 * lambda machinery, about 10 ms of a cold {@code status}. Where there is no {@code /proc}, {@link ProcessHandle}.
 */
final class LiveProcess {
    private static final Path PROC = Paths.get("/proc");
    /** {@code sysconf(_SC_CLK_TCK)}: Linux's USER_HZ, the unit of {@code /proc}'s times, 100 wherever a JDK runs. */
    private static final long TICKS_PER_SECOND = 100;
    /** {@code starttime}, field 22 of {@code /proc/PID/stat}, counted from field 3, the first after the command. */
    private static final int START_TIME = 22 - 3;

    private LiveProcess() {
    }

    /**
     * Whether {@code pid} runs now (a zombie too, as for {@link ProcessHandle#isAlive}) and, when {@code notAfter}
     * is given, started no later than that, as far as its start is known: a pid the OS handed to a new process
     * since is not the one that wrote at {@code notAfter}.
     */
    static boolean runs(long pid, Optional<Instant> notAfter) {
        if (!Files.isReadable(PROC.resolve("self").resolve("stat"))) {
            return viaProcessHandle(pid, notAfter);
        }
        String stat;
        try {
            stat = new String(Files.readAllBytes(PROC.resolve(Long.toString(pid)).resolve("stat")),
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
