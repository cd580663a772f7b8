package dev.litestreamagent.agent.verify;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The POSIX write locks a process holds, as Linux lists them in {@code /proc/locks}. */
public final class ProcLocks {
    private ProcLocks() {
    }

    /** The write locks {@code pid} holds on a database, its WAL or its shared memory: "dev:inode start-end" each. */
    public static Set<String> writeLocks(long pid, Path db) throws IOException {
        Set<String> inodes = new HashSet<>();
        for (String suffix : List.of("", "-wal", "-shm")) {
            Path file = Path.of(db + suffix);
            if (Files.exists(file)) {
                inodes.add(":" + Files.getAttribute(file, "unix:ino"));
            }
        }
        Set<String> locks = new HashSet<>();
        for (String line : Files.readAllLines(Path.of("/proc/locks"))) {
            String[] f = line.trim().split("\\s+");
            // "1: POSIX  ADVISORY  WRITE 4711 08:01:123 120 120"; a waiting request has "->" after the number
            if (f.length >= 8 && f[1].equals("POSIX") && f[3].equals("WRITE") && f[4].equals(Long.toString(pid))
                    && inodes.stream().anyMatch(f[5]::endsWith)) {
                locks.add(f[5] + " " + f[6] + "-" + f[7]);
            }
        }
        return locks;
    }
}
