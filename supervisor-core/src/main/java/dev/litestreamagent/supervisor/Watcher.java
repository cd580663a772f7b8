package dev.litestreamagent.supervisor;

import dev.litestreamagent.supervisor.log.LogFollower;
import java.io.IOException;
import java.time.Duration;
import java.util.function.DoubleSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The supervisor's watcher thread: follows each Litestream until it exits, marks it running once
 * up, has it replaced for a new database, a resync or a stall, and after an exit decides what comes
 * next: a relaunch at once (planned), after a backoff (a crash), or none (stopping, gave up).
 */
final class Watcher implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(Supervisor.class);
    private static final Duration WATCH_POLL = Duration.ofMillis(100);
    /** How often a supervisor with no database ready yet looks again. */
    private static final Duration READY_POLL = Duration.ofMillis(100);

    private final Supervisor supervisor;
    private final SupervisorSettings settings;
    private final Clock clock;
    private final RestartTracker tracker;
    private final PlannedRestarts planned;
    private final OutputRelay output;
    private final LogFollower follower;
    private final Attempt first;

    Watcher(Supervisor supervisor, SupervisorSettings settings, Clock clock, DoubleSupplier random,
            PlannedRestarts planned, OutputRelay output, LogFollower follower, Attempt first) {
        this.supervisor = supervisor;
        this.settings = settings;
        this.clock = clock;
        this.tracker = new RestartTracker(settings.restartPolicy(), random);
        this.planned = planned;
        this.output = output;
        this.follower = follower;
        this.first = first;
    }

    @Override
    public void run() {
        try {
            Attempt attempt = first != null ? first : launchOnceReady();
            while (attempt != null) {
                int exitCode = awaitExit(attempt);
                Duration delay = afterExit(attempt, exitCode);
                attempt = delay == null ? null : relaunchAfter(delay, !attempt.isResync());
            }
        } catch (InterruptedException e) {
            LOG.debug("Supervisor '{}' watcher ends: stopped", settings.name());
        } catch (RuntimeException e) {
            // a bug, not a Litestream failure: say so loudly instead of leaving the child unwatched
            LOG.error("Supervisor '{}' stopped watching Litestream after an unexpected error", settings.name(), e);
            supervisor.failed("supervisor error: " + e);
        }
    }

    /** Waits until the plan has a database for Litestream, then launches it; null when stopped first. */
    private Attempt launchOnceReady() throws InterruptedException {
        while (!settings.launchPlan().changed(false)) {
            clock.sleep(READY_POLL);
            if (supervisor.isStopping()) {
                return null;
            }
        }
        return relaunchAfter(Duration.ZERO, false);
    }

    private int awaitExit(Attempt attempt) throws InterruptedException {
        // Polling lets the child remember its descendants (the -exec tail) and shows when it is up.
        while (!attempt.child().waitFor(WATCH_POLL)) {
            if (!attempt.wasUp() && attempt.checkUp()) {
                supervisor.markRunning(attempt);
            }
            // Once this one has opened its databases (so each restart syncs them), add the newly ready ones.
            if (attempt.wasUp() && !attempt.isResync() && settings.launchPlan().changed(false)
                    && attempt.claimForRestart()) { // a planned restart: no backoff, no crash
                // Up means its files are open, not that it finished opening them: a SIGTERM before that fails the
                // opening (exit 1, no final sync, a new generation at the next start), as a final stop's would.
                attempt.stop(settings.startGrace(), settings.stopTimeout());
                continue;
            }
            if (attempt.wasUp() && !attempt.isResync()) {
                planned.check(attempt);
            }
        }
        follower.drain(); // the last lines, which tell why it ended
        attempt.child().killTree(); // a leftover -exec tail, re-parented once Litestream died
        return attempt.child().exitCode();
    }

    /** Records the exit; the delay before the next start, or null when there is none (stopping, gave up). */
    private Duration afterExit(Attempt attempt, int exitCode) {
        long now = clock.nanoTime();
        if (supervisor.exited(attempt, exitCode)) {
            return null;
        }
        if (attempt.isResync()) { // planned, not a crash: no backoff, no crash-loop count
            LOG.debug("Litestream (pid {}) stopped for a resync with exit code {}; starting it again",
                    attempt.child().pid(), exitCode);
            return Duration.ZERO;
        }
        RestartTracker.Decision decision = tracker.onExit(attempt.startedNanos(), now);
        String error = "Litestream exited unexpectedly with code " + exitCode + " after "
                + Duration.ofNanos(now - attempt.startedNanos()).toMillis() + " ms";
        if (decision.crashLoopBegins()) {
            RestartPolicy policy = settings.restartPolicy();
            LOG.error("Litestream is crash-looping ({} exits within {} ms): last exit code {}; {}. Last output:\n  {}",
                    policy.crashLoopCount(), policy.crashLoopWindow().toMillis(), exitCode,
                    policy.giveUpOnCrashLoop() ? "giving up" : "retrying every " + policy.maxDelay().toMillis() + " ms",
                    output.lastLinesText());
        }
        if (decision.giveUp()) {
            supervisor.failed(error + "; gave up after a crash loop");
            return null;
        }
        LOG.warn("{}; restarting in {} ms", error, decision.delay().toMillis());
        return supervisor.backoff(error) ? decision.delay() : null;
    }

    /** Sleeps, then launches again; a launch that fails counts as an immediate exit. Null when stopped. */
    private Attempt relaunchAfter(Duration delay, boolean afterCrash) throws InterruptedException {
        Duration wait = delay;
        while (true) {
            clock.sleep(wait);
            try {
                return supervisor.launch(afterCrash);
            } catch (IOException e) {
                long now = clock.nanoTime();
                RestartTracker.Decision decision = tracker.onExit(now, now);
                String error = "Cannot start Litestream: " + e.getMessage();
                if (decision.giveUp()) {
                    supervisor.failed(error);
                    return null;
                }
                LOG.warn("{}; retrying in {} ms", error, decision.delay().toMillis());
                if (!supervisor.backoff(error)) {
                    return null;
                }
                wait = decision.delay();
            }
        }
    }
}
