package dev.litestreamagent.supervisor;

import dev.litestreamagent.exec.ChildProcess;
import dev.litestreamagent.exec.GracefulStop;
import dev.litestreamagent.exec.PosixLocks;
import dev.litestreamagent.sqlite.LockBytes;
import dev.litestreamagent.supervisor.log.LitestreamLine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One launched Litestream: its child, when it started, and whether it is "up". Litestream 0.3
 * opens a database only at its first sync, a monitor interval (1 s) after it logged
 * {@code initialized db}, and a SIGTERM before that ends it with no final sync at all. So "up"
 * means: every database that exists is open in the child (seen in /proc/PID/fd); where /proc
 * cannot tell, one line per database that the {@link dev.litestreamagent.supervisor.log.LogMarkers} mark as
 * initialized.
 */
final class Attempt {
    private static final Logger LOG = LoggerFactory.getLogger(Supervisor.class);
    private static final Duration UP_POLL = Duration.ofMillis(50);
    /**
     * Where /proc/locks cannot tell whether Litestream finished opening a database: a SIGTERM while
     * it opens one ended it with no backup at all in 2 of 20 runs (0.3.13), 0 of 15 with this wait.
     */
    private static final long SETTLE_NANOS = Duration.ofMillis(500).toNanos();
    /** Checks in a row that must see the read transaction of a child that became up recently (0.45 s). */
    private static final int FRESH_CHECKS = 10;
    /** Longer than the two 1 s busy timeouts of a first opening that waits for the write lock. */
    private static final long BUSY_WAITS_NANOS = Duration.ofMillis(2200).toNanos();

    private static final int NOT_STOPPING = 0;
    private static final int RESTART = 1;
    private static final int FINAL_STOP = 2;

    private final ChildProcess child;
    private final long startedNanos;
    private final List<Path> databases;
    private final Supplier<Optional<PosixLocks>> locks;
    private volatile boolean filesKnown;
    private int initializedLines;
    private volatile boolean up;
    /**
     * When the child last became up, or last opened one more database: a database created after
     * its start makes it not up until opened, and one created and opened between two checks
     * restarts the settle all the same.
     */
    private volatile long upSinceNanos;
    private volatile boolean upNow;
    private volatile int openSeen;
    /** Who stops it: nobody yet, a planned restart (a resync), or the final stop; the first to claim it. */
    private final AtomicInteger stopper = new AtomicInteger(NOT_STOPPING);

    Attempt(ChildProcess child, long startedNanos, List<Path> databases) {
        this(child, startedNanos, databases, PosixLocks::read);
    }

    Attempt(ChildProcess child, long startedNanos, List<Path> databases, Supplier<Optional<PosixLocks>> locks) {
        this.child = child;
        this.startedNanos = startedNanos;
        this.databases = databases;
        this.locks = locks;
    }

    ChildProcess child() {
        return child;
    }

    long startedNanos() {
        return startedNanos;
    }

    /** The databases it was launched with. */
    List<Path> databases() {
        return databases;
    }

    /**
     * Claims this attempt for a planned restart (a resync, a stuck upload, a database to add): its exit is
     * no crash. False when the final stop or another restart has it, which then stops it alone: two
     * stops of one child would each send their SIGTERM and log their own waits.
     */
    boolean claimForRestart() {
        return stopper.compareAndSet(NOT_STOPPING, RESTART);
    }

    /** Claims it for the final stop; false when a planned restart is stopping it already. */
    boolean claimForFinalStop() {
        return stopper.compareAndSet(NOT_STOPPING, FINAL_STOP);
    }

    /** The final stop replaces it by a Litestream with every ready database. */
    void replacedForFinalSync() {
        stopper.set(RESTART);
    }

    boolean isResync() {
        return stopper.get() == RESTART;
    }

    /** Whether it was seen up once (RUNNING). */
    boolean wasUp() {
        return up;
    }

    synchronized void observe(LitestreamLine line) {
        if (line.dbInitialized()) {
            initializedLines++;
        }
    }

    /** Checks now; a database created meanwhile makes a running child not up until it opened that one too. */
    boolean checkUp() {
        Optional<Set<Path>> open = child.openFiles();
        filesKnown = open.isPresent();
        boolean now = true;
        int openCount = 0;
        if (open.isPresent()) {
            for (Path db : databases) {
                Optional<Path> existing = realPath(db);
                if (existing.isPresent() && open.get().contains(existing.get())) {
                    openCount++;
                } else if (existing.isPresent()) {
                    now = false;
                } // a database that does not exist yet has nothing to sync: Litestream picks it up once it appears
            }
        } else {
            synchronized (this) {
                now = initializedLines >= databases.size();
            }
        }
        if (now && (!upNow || openCount > openSeen)) {
            upSinceNanos = System.nanoTime();
            up = true;
        }
        upNow = now;
        openSeen = openCount;
        return now;
    }

    /**
     * Graceful stop. Litestream 0.3.13 syncs at exit only a database it finished opening
     * ({@code DB.Close}: "if db.db != nil"), and a SIGTERM before its long-lived read transaction
     * is in place fails the opening (that query takes the context the signal cancels), so the stop
     * first waits, at most {@code openWait}, until every existing database is open: where /proc
     * tells, until Litestream holds a WAL read mark on each {@code -shm} file, its read transaction.
     * The opening's own statements hold one while they run, too: on a loaded machine two checks
     * 50 ms apart both fell inside them, so a child that became up recently must show it in
     * {@value #FRESH_CHECKS} checks in a row; one up for longer than the busy waits below, in two.
     * The first opening of a database creates two tables, each waiting up to Litestream's 1 s busy
     * timeout for the write lock, with a read mark held: so a read mark counts only when no other
     * process holds the WAL write lock, or once the file has been open longer than those waits.
     * Where /proc cannot tell: every database open (or its {@code initialized db} line) plus a
     * settle. Then SIGTERM, and {@link GracefulStop} for the final sync. {@code stopTimeout} bounds the whole
     * (the open wait, the owner's step, the final sync: a Kubernetes grace period is set just above it); the
     * final sync keeps at least a quarter of it, which an open wait of at most half and an owner's step of at
     * most a quarter leave it.
     */
    void stop(Duration openWait, Duration stopTimeout) throws InterruptedException {
        stop(openWait, stopTimeout, () -> { });
    }

    /**
     * {@link #stop(Duration, Duration)} that runs {@code beforeSigterm} once Litestream has opened its
     * databases, right before the SIGTERM; not when it exited by itself meanwhile.
     */
    void stop(Duration openWait, Duration stopTimeout, Runnable beforeSigterm) throws InterruptedException {
        long begun = System.nanoTime();
        long deadline = begun + openWait.toNanos();
        int inARow = 0;
        while (true) {
            Optional<Boolean> opened = checkUp() ? hasOpened() : Optional.of(false);
            if (opened.isPresent()) {
                inARow = opened.get() ? inARow + 1 : 0;
                if (inARow >= (System.nanoTime() - upSinceNanos >= BUSY_WAITS_NANOS ? 2 : FRESH_CHECKS)) {
                    break;
                }
            } else if (System.nanoTime() - upSinceNanos >= SETTLE_NANOS) {
                break;
            }
            if (System.nanoTime() >= deadline) {
                if (openWait.isZero()) {
                    break; // a restart: its successor opens them at once
                }
                LOG.warn("Litestream (pid {}) has not finished opening every database within {} ms; stopping it anyway: "
                        + "rows of a database it has not opened stay local until the next start", child.pid(),
                        openWait.toMillis());
                break;
            }
            if (child.waitFor(UP_POLL)) {
                return;
            }
        }
        try {
            beforeSigterm.run();
        } catch (RuntimeException e) { // the final sync matters more than the owner's step
            LOG.warn("The step before Litestream's final sync failed ({}); stopping Litestream all the same", e.toString());
        }
        Duration left = stopTimeout.minusNanos(System.nanoTime() - begun);
        Duration quarter = stopTimeout.dividedBy(4);
        Duration syncTime = left.compareTo(quarter) > 0 ? left : quarter;
        LOG.info("Stopping Litestream (pid {}): SIGTERM, waiting up to {} ms for its final sync", child.pid(),
                syncTime.toMillis());
        GracefulStop.stop(child, syncTime, (pid, ignoredFor) -> LOG.warn("Litestream (pid {}) did not stop within {} ms"
                + " ({} ms after SIGTERM); killing it and its children", pid, stopTimeout.toMillis(), ignoredFor.toMillis()));
    }

    /** Whether the open databases are opened in full (see {@link #stop}); empty when /proc cannot tell. */
    private Optional<Boolean> hasOpened() {
        Optional<PosixLocks> table = filesKnown ? locks.get() : Optional.empty();
        if (!table.isPresent()) {
            return Optional.empty();
        }
        boolean pastBusyWaits = System.nanoTime() - upSinceNanos >= BUSY_WAITS_NANOS;
        for (Path db : databases) {
            if (!Files.exists(db)) {
                continue; // nothing to sync
            }
            Optional<Long> shm = inode(Paths.get(db + "-shm"));
            if (!shm.isPresent() || !table.get().readLockedBy(child.pid(), shm.get(), LockBytes.WAL_FIRST_READ_MARK,
                    LockBytes.WAL_LAST_READ_MARK)) {
                return Optional.of(false);
            }
            if (!pastBusyWaits && table.get().writeLockedByOther(child.pid(), shm.get(), LockBytes.WAL_WRITE_LOCK)) {
                return Optional.of(false);
            }
        }
        return Optional.of(true);
    }

    /** The database's inode, where the file system has them and the file exists. */
    private static Optional<Long> inode(Path db) {
        try {
            Object inode = Files.getAttribute(db, "unix:ino");
            return inode instanceof Long ? Optional.of((Long) inode) : Optional.empty();
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return Optional.empty(); // not there yet, or no inodes here (then /proc/locks is missing too)
        }
    }

    private static Optional<Path> realPath(Path db) {
        try {
            return Optional.of(db.toRealPath());
        } catch (IOException doesNotExist) {
            return Optional.empty();
        }
    }
}
