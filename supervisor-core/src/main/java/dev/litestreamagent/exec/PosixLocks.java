package dev.litestreamagent.exec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/** The POSIX record locks held on this machine, as Linux lists them in /proc/locks. Immutable. */
public final class PosixLocks {
    private static final Path PROC_LOCKS = Paths.get("/proc/locks");

    private final List<Lock> locks;

    private PosixLocks(List<Lock> locks) {
        this.locks = Collections.unmodifiableList(locks);
    }

    /** The table now; empty when /proc/locks cannot be read. */
    public static Optional<PosixLocks> read() {
        try {
            return Optional.of(parse(new String(Files.readAllBytes(PROC_LOCKS), StandardCharsets.US_ASCII)));
        } catch (IOException | UnsupportedOperationException | SecurityException noProc) {
            return Optional.empty();
        }
    }

    /**
     * Lines such as {@code 3: POSIX  ADVISORY  READ 1234 08:01:5678 1073741826 1073741826}; waiters
     * ({@code ->}), flock and OFD locks (no owning pid) are left out.
     */
    public static PosixLocks parse(String table) {
        List<Lock> locks = new ArrayList<>();
        for (String line : table.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 8 || !"POSIX".equals(f[1]) || !("READ".equals(f[3]) || "WRITE".equals(f[3]))) {
                continue;
            }
            try {
                locks.add(new Lock(Long.parseLong(f[4]), Long.parseLong(f[5].substring(f[5].lastIndexOf(':') + 1)),
                        Long.parseLong(f[6]), "WRITE".equals(f[3])));
            } catch (NumberFormatException notALockLine) {
                // a format this parser does not know holds nothing it can tell
            }
        }
        return new PosixLocks(locks);
    }

    /** Whether {@code pid} holds a read lock on the file {@code inode} starting at a byte in [{@code from}, {@code to}]. */
    public boolean readLockedBy(long pid, long inode, long from, long to) {
        for (Lock lock : locks) {
            if (!lock.write && lock.pid == pid && lock.inode == inode && lock.start >= from && lock.start <= to) {
                return true;
            }
        }
        return false;
    }

    /** Whether a process other than {@code pid} holds a write lock on the file {@code inode} starting at byte {@code start}. */
    public boolean writeLockedByOther(long pid, long inode, long start) {
        for (Lock lock : locks) {
            if (lock.write && lock.pid != pid && lock.inode == inode && lock.start == start) {
                return true;
            }
        }
        return false;
    }

    private static final class Lock {
        final long pid;
        final long inode;
        final long start;
        final boolean write;

        Lock(long pid, long inode, long start, boolean write) {
            this.pid = pid;
            this.inode = inode;
            this.start = start;
            this.write = write;
        }
    }
}
