package dev.litestreamagent.supervisor;

import dev.litestreamagent.supervisor.log.LitestreamLine;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Restarts that are no crash: a resync after replication errors ({@link ResyncTrigger}) and the
 * replacement of a stuck upload ({@link StallWatch}). They cost no backoff and no crash-loop count;
 * the watcher relaunches at once and the new Litestream syncs what is pending.
 */
final class PlannedRestarts {
    private static final Logger LOG = LoggerFactory.getLogger(Supervisor.class);
    private static final Duration STUCK_STOP_WAIT = Duration.ofSeconds(5);

    private final SupervisorSettings settings;
    private final Clock clock;
    private final ResyncTrigger resync;
    private final StallWatch stall;
    private final AtomicInteger count = new AtomicInteger();
    /** Planned restarts since Litestream last finished an upload: the first of a run warns, the rest are debug. */
    private final AtomicInteger sinceUpload = new AtomicInteger();

    PlannedRestarts(SupervisorSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.resync = new ResyncTrigger(settings.resyncPolicy());
        this.stall = new StallWatch(settings.resyncPolicy());
    }

    /** Resyncs and stall restarts so far. */
    int count() {
        return count.get();
    }

    void launched() {
        stall.launched();
    }

    /** Each line of Litestream's output: errors arm the resync, uploads disarm it and end a stall. */
    void onLine(LitestreamLine line) {
        long now = clock.nanoTime();
        resync.onLine(line, now);
        stall.onLine(line, now);
        if (line.uploadDone()) {
            int planned = sinceUpload.getAndSet(0);
            if (planned > 0) {
                LOG.info("Litestream finished an upload after {} planned restart(s): replication recovered", planned);
            }
        }
    }

    /**
     * For a Litestream that is up and not already being replaced: restarts it when stuck or due a resync,
     * unless the final stop claimed it first (its own SIGTERM is the restart's, and it alone logs the stop).
     */
    void check(Attempt attempt) throws InterruptedException {
        long now = clock.nanoTime();
        Optional<Duration> stalled = stall.stalled(now);
        if (stalled.isPresent() && attempt.claimForRestart()) {
            restartStalled(attempt, stalled.get());
        } else if (!stalled.isPresent() && resync.due(now) && attempt.claimForRestart()) {
            restartToResync(attempt);
        }
    }

    /** Graceful stop (final sync); the watcher then relaunches at once, and the new Litestream syncs what is pending. */
    private void restartToResync(Attempt attempt) throws InterruptedException {
        long waited = resync.currentWait().toMillis();
        resync.restarted(clock.nanoTime());
        if (sinceUpload.get() == 0) {
            LOG.warn("Litestream logged replication errors, then nothing for {} ms and no upload since: restarting it "
                    + "gracefully so it syncs what was written meanwhile (Litestream 0.3 retries only on the next write); "
                    + "while uploads keep failing it is restarted every {} ms at most", waited,
                    settings.resyncPolicy().maxWait().toMillis());
        } else { // an outage that lasts: one WARN for it, not one per try
            LOG.debug("Resync restart: still no upload {} ms after the last error", waited);
        }
        restart(attempt, settings.stopTimeout());
    }

    /** A stuck Litestream may not end on SIGTERM: it gets a short wait, as its successor resumes from the WAL. */
    private void restartStalled(Attempt attempt, Duration stuckFor) throws InterruptedException {
        Duration wait = settings.stopTimeout().compareTo(STUCK_STOP_WAIT) < 0 ? settings.stopTimeout() : STUCK_STOP_WAIT;
        stall.restartedForStall();
        LOG.error("Litestream began an upload to a replica {} ms ago and has neither finished nor failed it: it is stuck "
                + "and replicates nothing more until restarted (seen with an unwritable replica directory and with an "
                + "endpoint that never answers); restarting it (SIGTERM, SIGKILL after {} ms)", stuckFor.toMillis(),
                wait.toMillis());
        restart(attempt, wait);
    }

    private void restart(Attempt attempt, Duration stopWait) throws InterruptedException {
        count.incrementAndGet();
        sinceUpload.incrementAndGet();
        attempt.stop(Duration.ZERO, stopWait);
    }
}
