package dev.litestreamagent.supervisor;

import java.time.Duration;

/**
 * When the supervisor restarts Litestream on purpose to get replication going again (Litestream
 * 0.3.13, measured):
 * <ul>
 * <li>after replication errors, then {@code quietPeriod} without output or upload, as Litestream
 * retries a failed upload only on the next write; again after each wait, doubling up to
 * {@code maxWait}, which bounds how long after an outage ends the pending rows wait;</li>
 * <li>when an upload it began neither finished nor failed within {@code stallTimeout}, as a replica
 * write that fails in some ways (an unwritable replica directory) leaves it stuck for good,
 * silently; the timeout doubles after each such restart without an upload (up to 16 times), so
 * a legitimately slow upload of a large snapshot completes eventually.</li>
 * </ul>
 * Immutable.
 */
public final class ResyncPolicy {
    static final int MAX_STALL_GROWTH = 16;
    private static final ResyncPolicy DEFAULTS = of(Duration.ofSeconds(3), Duration.ofSeconds(5), Duration.ofSeconds(60));
    private static final ResyncPolicy OFF = new ResyncPolicy(Duration.ZERO, Duration.ZERO, Duration.ZERO);

    private final Duration quietPeriod;
    private final Duration maxWait;
    private final Duration stallTimeout;

    private ResyncPolicy(Duration quietPeriod, Duration maxWait, Duration stallTimeout) {
        this.quietPeriod = quietPeriod;
        this.maxWait = maxWait;
        this.stallTimeout = stallTimeout;
    }

    /** 3 s quiet period, at most 5 s between resync restarts, 60 s stall timeout. */
    public static ResyncPolicy defaults() {
        return DEFAULTS;
    }

    /** Never restarts Litestream on purpose. */
    public static ResyncPolicy off() {
        return OFF;
    }

    public static ResyncPolicy of(Duration quietPeriod, Duration maxWait, Duration stallTimeout) {
        Checks.positive("quietPeriod", quietPeriod);
        Checks.positive("maxWait", maxWait);
        Checks.positive("stallTimeout", stallTimeout);
        if (maxWait.compareTo(quietPeriod) < 0) {
            throw new IllegalArgumentException("maxWait: " + maxWait + "; expected at least quietPeriod (" + quietPeriod + ")");
        }
        return new ResyncPolicy(quietPeriod, maxWait, stallTimeout);
    }

    public boolean enabled() {
        return !quietPeriod.isZero();
    }

    public Duration quietPeriod() {
        return quietPeriod;
    }

    public Duration maxWait() {
        return maxWait;
    }

    public Duration stallTimeout() {
        return stallTimeout;
    }

    @Override
    public String toString() {
        return enabled() ? "ResyncPolicy[quietPeriod=" + quietPeriod + ", maxWait=" + maxWait + ", stallTimeout="
                + stallTimeout + "]" : "ResyncPolicy[off]";
    }
}
