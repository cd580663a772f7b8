package dev.litestreamagent.supervisor;

import java.time.Duration;

/**
 * When and how often an unexpectedly exited Litestream is started again: exponential backoff with
 * jitter, a failure count that resets once a child stayed up {@code minUptime}, and crash-loop
 * detection ({@code crashLoopCount} exits within {@code crashLoopWindow}). Immutable.
 */
public final class RestartPolicy {
    private static final RestartPolicy DEFAULTS = builder().build();

    private final Duration initialDelay;
    private final double multiplier;
    private final Duration maxDelay;
    private final double jitter;
    private final Duration minUptime;
    private final int crashLoopCount;
    private final Duration crashLoopWindow;
    private final boolean giveUpOnCrashLoop;

    private RestartPolicy(Builder b) {
        this.initialDelay = b.initialDelay;
        this.multiplier = b.multiplier;
        this.maxDelay = b.maxDelay;
        this.jitter = b.jitter;
        this.minUptime = b.minUptime;
        this.crashLoopCount = b.crashLoopCount;
        this.crashLoopWindow = b.crashLoopWindow;
        this.giveUpOnCrashLoop = b.giveUpOnCrashLoop;
    }

    /** 1 s initial delay, x2, 60 s cap, 20 % jitter, 10 s minimum uptime, 5 exits in 60 s is a crash loop, keep retrying. */
    public static RestartPolicy defaults() {
        return DEFAULTS;
    }

    public static Builder builder() {
        return new Builder();
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

    /** Fraction (0..1) of a delay that may be taken off at random, so many agents do not restart in step. */
    public double jitter() {
        return jitter;
    }

    public Duration minUptime() {
        return minUptime;
    }

    public int crashLoopCount() {
        return crashLoopCount;
    }

    public Duration crashLoopWindow() {
        return crashLoopWindow;
    }

    public boolean giveUpOnCrashLoop() {
        return giveUpOnCrashLoop;
    }

    @Override
    public String toString() {
        return "RestartPolicy[initialDelay=" + initialDelay + ", multiplier=" + multiplier + ", maxDelay=" + maxDelay
                + ", jitter=" + jitter + ", minUptime=" + minUptime + ", crashLoopCount=" + crashLoopCount
                + ", crashLoopWindow=" + crashLoopWindow + ", giveUpOnCrashLoop=" + giveUpOnCrashLoop + "]";
    }

    /** Builder; every setter checks its argument and names it in the error. */
    public static final class Builder {
        private Duration initialDelay = Duration.ofSeconds(1);
        private double multiplier = 2.0;
        private Duration maxDelay = Duration.ofSeconds(60);
        private double jitter = 0.2;
        private Duration minUptime = Duration.ofSeconds(10);
        private int crashLoopCount = 5;
        private Duration crashLoopWindow = Duration.ofSeconds(60);
        private boolean giveUpOnCrashLoop;

        private Builder() {
        }

        public Builder initialDelay(Duration value) {
            initialDelay = Checks.nonNegative("initialDelay", value);
            return this;
        }

        public Builder multiplier(double value) {
            if (!(value >= 1.0) || Double.isInfinite(value)) {
                throw new IllegalArgumentException("multiplier: " + value + "; expected a finite number >= 1.0");
            }
            multiplier = value;
            return this;
        }

        public Builder maxDelay(Duration value) {
            maxDelay = Checks.nonNegative("maxDelay", value);
            return this;
        }

        public Builder jitter(double value) {
            if (!(value >= 0.0 && value <= 1.0)) {
                throw new IllegalArgumentException("jitter: " + value + "; expected a fraction from 0.0 to 1.0");
            }
            jitter = value;
            return this;
        }

        public Builder minUptime(Duration value) {
            minUptime = Checks.nonNegative("minUptime", value);
            return this;
        }

        public Builder crashLoopCount(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("crashLoopCount: " + value + "; expected 1 or more exits");
            }
            crashLoopCount = value;
            return this;
        }

        public Builder crashLoopWindow(Duration value) {
            crashLoopWindow = Checks.nonNegative("crashLoopWindow", value);
            return this;
        }

        public Builder giveUpOnCrashLoop(boolean value) {
            giveUpOnCrashLoop = value;
            return this;
        }

        public RestartPolicy build() {
            if (maxDelay.compareTo(initialDelay) < 0) {
                throw new IllegalArgumentException("maxDelay: " + maxDelay + " is shorter than initialDelay "
                        + initialDelay + "; expected maxDelay >= initialDelay");
            }
            return new RestartPolicy(this);
        }
    }
}
