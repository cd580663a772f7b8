package dev.litestreamagent.supervisor;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.function.DoubleSupplier;

/**
 * The restart arithmetic of a {@link RestartPolicy}, apart from any clock or process: given when a
 * child started and exited, how long to wait, whether a crash loop just began, and whether to give
 * up. A child that ran well (at least {@code minUptime}) is replaced at once, like systemd's 100 ms
 * restart: a first crash is rarely a loop, and rows committed meanwhile wait. Backoff is for
 * repeats. Not thread-safe: used by the supervisor's watcher thread only.
 */
final class RestartTracker {
    private final RestartPolicy policy;
    private final DoubleSupplier random;
    private final ArrayDeque<Long> recentExits = new ArrayDeque<>();
    private int failures;
    /** The series began with a child that ran well, whose replacement got no delay. */
    private boolean immediateFirst;
    private boolean inCrashLoop;

    RestartTracker(RestartPolicy policy, DoubleSupplier random) {
        this.policy = policy;
        this.random = random;
    }

    Decision onExit(long startedNanos, long exitedNanos) {
        if (exitedNanos - startedNanos >= policy.minUptime().toNanos()) {
            // It ran long enough to count as a success: this exit starts a new series.
            failures = 0;
            immediateFirst = true;
            inCrashLoop = false;
            recentExits.clear();
        } else if (failures == 0) {
            immediateFirst = false; // the very first child failed fast: back off from the start
        }
        failures++;
        recentExits.addLast(exitedNanos);
        long windowStart = exitedNanos - policy.crashLoopWindow().toNanos();
        while (recentExits.peekFirst() < windowStart) {
            recentExits.removeFirst();
        }
        boolean loopBegins = !inCrashLoop && recentExits.size() >= policy.crashLoopCount();
        inCrashLoop |= loopBegins;
        if (!inCrashLoop && immediateFirst && failures == 1) {
            return new Decision(Duration.ZERO, false, false);
        }
        Duration base = inCrashLoop ? policy.maxDelay() : backoff(immediateFirst ? failures - 1 : failures);
        return new Decision(jittered(base), loopBegins, inCrashLoop && policy.giveUpOnCrashLoop());
    }

    /** initialDelay x multiplier^(failures-1), capped at maxDelay. */
    private Duration backoff(int failure) {
        double nanos = policy.initialDelay().toNanos() * Math.pow(policy.multiplier(), failure - 1);
        long max = policy.maxDelay().toNanos();
        return Duration.ofNanos(nanos >= max ? max : (long) nanos);
    }

    /** Takes up to {@code jitter} of the delay off at random: never longer than configured. */
    private Duration jittered(Duration base) {
        double factor = 1.0 - policy.jitter() * random.getAsDouble();
        return Duration.ofNanos((long) (base.toNanos() * factor));
    }

    /** What to do after one exit. */
    static final class Decision {
        private final Duration delay;
        private final boolean crashLoopBegins;
        private final boolean giveUp;

        Decision(Duration delay, boolean crashLoopBegins, boolean giveUp) {
            this.delay = delay;
            this.crashLoopBegins = crashLoopBegins;
            this.giveUp = giveUp;
        }

        Duration delay() {
            return delay;
        }

        /** True for the one exit that makes a crash loop: report it once. */
        boolean crashLoopBegins() {
            return crashLoopBegins;
        }

        boolean giveUp() {
            return giveUp;
        }
    }
}
