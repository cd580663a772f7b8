package dev.litestreamagent.supervisor;

import dev.litestreamagent.exec.ChildProcess;
import dev.litestreamagent.exec.GracefulStop;
import dev.litestreamagent.supervisor.log.LitestreamLine;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
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
     * Litestream opens a database as its first sync begins; a SIGTERM in the middle of that
     * first sync (a JVM that exits right after starting) ended it with no backup at all in 2 of
     * 20 runs (seen with 0.3.13; 0 of 15 with this wait), so a stop lets a just-opened child
     * finish that sync.
     */
    private static final long SETTLE_NANOS = Duration.ofMillis(500).toNanos();

    private final ChildProcess child;
    private final long startedNanos;
    private final List<Path> databases;
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
    private volatile boolean resync;

    Attempt(ChildProcess child, long startedNanos, List<Path> databases) {
        this.child = child;
        this.startedNanos = startedNanos;
        this.databases = databases;
    }

    ChildProcess child() {
        return child;
    }

    long startedNanos() {
        return startedNanos;
    }

    /** Marks this attempt as stopped by the supervisor to make Litestream sync again: its exit is no crash. */
    void markResync() {
        resync = true;
    }

    boolean isResync() {
        return resync;
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
     * Graceful stop: waits (at most {@code startGrace}) until it is up, then {@link GracefulStop}
     * with {@code stopTimeout} for the final sync.
     */
    void stop(Duration startGrace, Duration stopTimeout) throws InterruptedException {
        stop(startGrace, stopTimeout, () -> { });
    }

    /**
     * {@link #stop(Duration, Duration)} that runs {@code beforeSigterm} once it is up, right before the
     * SIGTERM; not when it exited by itself meanwhile.
     */
    void stop(Duration startGrace, Duration stopTimeout, Runnable beforeSigterm) throws InterruptedException {
        // SIGTERM before Litestream opened the databases ends it without a final sync.
        long polls = startGrace.toMillis() / UP_POLL.toMillis();
        long deadline = System.nanoTime() + startGrace.toNanos();
        for (long i = 0; i < polls && !checkUp(); i++) {
            if (child.waitFor(UP_POLL)) {
                return;
            }
        }
        while (upNow && System.nanoTime() - upSinceNanos < SETTLE_NANOS && System.nanoTime() < deadline) {
            if (child.waitFor(UP_POLL)) {
                return;
            }
        }
        try {
            beforeSigterm.run();
        } catch (RuntimeException e) { // the final sync matters more than the owner's step
            LOG.warn("The step before Litestream's final sync failed ({}); stopping Litestream all the same", e.toString());
        }
        LOG.info("Stopping Litestream (pid {}): SIGTERM, waiting up to {} ms for its final sync", child.pid(),
                stopTimeout.toMillis());
        GracefulStop.stop(child, stopTimeout, (pid, ignoredFor) -> LOG.warn(
                "Litestream (pid {}) did not stop within {} ms after SIGTERM; killing it and its children", pid,
                ignoredFor.toMillis()));
    }

    private static Optional<Path> realPath(Path db) {
        try {
            return Optional.of(db.toRealPath());
        } catch (IOException doesNotExist) {
            return Optional.empty();
        }
    }
}
