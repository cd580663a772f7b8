package dev.litestreamagent.agent.shutdown;

import dev.litestreamagent.settings.Durations;
import java.lang.instrument.Instrumentation;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;

/**
 * When the JVM exits, stops replication (Litestream's final sync) only after the application's
 * own shutdown hooks have finished, so that the rows they commit (Spring's context close,
 * {@code @PreDestroy} workers, pools draining) reach the replica; all of it within the stop timeout.
 *
 * <p>The stop runs from a JVM system shutdown slot after the application hooks. An application
 * hook of ours only notes when the shutdown began and starts a daemon watchdog: should another
 * hook still run when only the final-sync reserve of the stop timeout is left (a hook that hangs),
 * the watchdog stops replication itself, so the agent never waits on the application's hang and
 * never adds one of its own. Litestream keeps replicating while the hooks run; the final sync only
 * has to carry the last second. Only on the ordered path may the stop hold back the writers that are
 * no hook ({@link WriterHalt}): on the watchdog's, a hook still running could be one of them.
 */
public final class StopSequence {
    /** Stops replication: Litestream's final sync. */
    @FunctionalInterface
    public interface Stop {
        /**
         * @param finalSyncTimeout the longest wait for the final sync
         * @param applicationDone every application hook has returned: writers that still commit are no
         *        hook, and may be held back (false: a hook may still commit, or wait on such a hold)
         */
        void stop(Duration finalSyncTimeout, boolean applicationDone);
    }

    /** The share of the stop timeout kept for Litestream's final sync when application hooks run long. */
    private static final Duration MAX_RESERVE = Duration.ofSeconds(10);

    private final Stop stopReplication;
    private final Duration stopTimeout;
    private final Duration reserve;
    private final Logger log;
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile long begunNanos = -1;

    /**
     * @param stopReplication stops replication, waiting at most the given time for the final sync; called once
     */
    public StopSequence(Stop stopReplication, Duration stopTimeout, Logger log) {
        this.stopReplication = stopReplication;
        this.stopTimeout = stopTimeout;
        Duration half = stopTimeout.dividedBy(2);
        this.reserve = half.compareTo(MAX_RESERVE) < 0 ? half : MAX_RESERVE;
        this.log = log;
    }

    /**
     * Registers the hooks.
     *
     * @return whether the final sync is ordered after the application's hooks (false: it runs among them)
     */
    public boolean install(Instrumentation instrumentation) {
        boolean ordered;
        try {
            SystemShutdownSlot.register(instrumentation, this::afterApplicationHooks);
            ordered = true;
        } catch (IllegalStateException e) {
            log.warn("Cannot order the final sync after the application's shutdown hooks ({}); it runs alongside them, "
                    + "so rows the application commits while it shuts down may miss the replica", e.getMessage());
            ordered = false;
        }
        try {
            Runtime.getRuntime().addShutdownHook(new Thread(ordered ? this::begin : this::stopNow, "litestream-agent-stop"));
        } catch (IllegalStateException shutdownInProgress) {
            // the application hooks already run: the system slot, if registered, still stops replication
        }
        return ordered;
    }

    /** Application hook: notes the start of the shutdown, arms the watchdog, returns at once. */
    void begin() {
        begunNanos = System.nanoTime();
        Thread watchdog = new Thread(this::watch, "litestream-agent-stop-watchdog");
        watchdog.setDaemon(true); // never keeps the JVM alive
        watchdog.start();
    }

    /** System slot: every application hook has returned. */
    void afterApplicationHooks() {
        long begun = begunNanos;
        Duration left = begun < 0 ? stopTimeout : stopTimeout.minusNanos(System.nanoTime() - begun);
        stop(left.compareTo(reserve) > 0 ? left : reserve, true);
    }

    /** Fallback without the system slot: stop right away, as one of the application hooks. */
    private void stopNow() {
        stop(stopTimeout, false);
    }

    private void watch() {
        try {
            if (done.await(stopTimeout.minus(reserve).toNanos(), TimeUnit.NANOSECONDS)) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (stopped.get()) {
            return; // the hooks are done and the stop runs: a final sync that takes long is no hanging hook
        }
        log.warn("The application's shutdown hooks still run {} ms after the JVM began to exit: Litestream does its "
                + "final sync now (litestream.stop-timeout={}); rows committed after it stay local until the next start",
                stopTimeout.minus(reserve).toMillis(), Durations.format(stopTimeout));
        stop(reserve, false);
    }

    private void stop(Duration finalSyncTimeout, boolean applicationDone) {
        if (!stopped.compareAndSet(false, true)) {
            awaitDone(); // the other path is stopping: the slot must not let the JVM halt before it finished
            return;
        }
        try {
            stopReplication.stop(finalSyncTimeout, applicationDone);
        } finally {
            done.countDown();
        }
    }

    private void awaitDone() {
        try {
            done.await(stopTimeout.toMillis() + MAX_RESERVE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
