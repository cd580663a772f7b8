package dev.litestreamagent.config;

import java.time.Duration;
import java.util.Locale;

/** How the supervisor restarts a Litestream that exited: geometric backoff with jitter, and a crash-loop limit. */
public final class RestartSettings {
    /** What to do once {@link #crashLoopCount()} exits happened within {@link #crashLoopWindow()}. */
    public enum CrashLoopAction {
        /** Keep restarting at the maximum delay. */
        RETRY,
        /** Stop restarting and report Litestream as failed. */
        GIVE_UP;

        /** {@code give-up} as written in a setting. */
        public String settingValue() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    private final Duration initialDelay;
    private final double multiplier;
    private final Duration maxDelay;
    private final double jitter;
    private final Duration minUptime;
    private final int crashLoopCount;
    private final Duration crashLoopWindow;
    private final CrashLoopAction crashLoopAction;

    public RestartSettings(Duration initialDelay, double multiplier, Duration maxDelay, double jitter, Duration minUptime,
            int crashLoopCount, Duration crashLoopWindow, CrashLoopAction crashLoopAction) {
        this.initialDelay = initialDelay;
        this.multiplier = multiplier;
        this.maxDelay = maxDelay;
        this.jitter = jitter;
        this.minUptime = minUptime;
        this.crashLoopCount = crashLoopCount;
        this.crashLoopWindow = crashLoopWindow;
        this.crashLoopAction = crashLoopAction;
    }

    /** The defaults: 1s doubling up to 60s, 20 % jitter, 10s to count as started, 5 exits in 60s is a crash loop. */
    public static RestartSettings defaults() {
        return new RestartSettings(Duration.ofSeconds(1), 2.0, Duration.ofSeconds(60), 0.2, Duration.ofSeconds(10), 5,
                Duration.ofSeconds(60), CrashLoopAction.RETRY);
    }

    public Duration initialDelay() {
        return initialDelay;
    }

    public double multiplier() {
        return multiplier;
    }

    public Duration maxDelay() {
        return maxDelay;
    }

    /** Fraction (0 to 1) of each delay that is randomised. */
    public double jitter() {
        return jitter;
    }

    /** A run that lasted this long resets the backoff. */
    public Duration minUptime() {
        return minUptime;
    }

    public int crashLoopCount() {
        return crashLoopCount;
    }

    public Duration crashLoopWindow() {
        return crashLoopWindow;
    }

    public CrashLoopAction crashLoopAction() {
        return crashLoopAction;
    }

    @Override
    public String toString() {
        return "RestartSettings[initialDelay=" + initialDelay + ", multiplier=" + multiplier + ", maxDelay=" + maxDelay
                + ", jitter=" + jitter + ", minUptime=" + minUptime + ", crashLoopCount=" + crashLoopCount
                + ", crashLoopWindow=" + crashLoopWindow + ", crashLoopAction=" + crashLoopAction + "]";
    }
}
