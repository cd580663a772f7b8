package dev.litestreamagent.supervisor.log;

/**
 * Caps how many of Litestream's lines reach the application's log per window: a Litestream flooding its
 * output must not flood the application's stderr (or the follower falls behind, and the log file grows).
 * Lines over the cap are counted, and the count is handed out once, when the next window begins, for a
 * "N lines suppressed" note. Not thread-safe: the output follower is its one caller.
 */
public final class LogThrottle {
    private final int linesPerWindow;
    private final long windowNanos;
    private boolean started;
    private long windowStart;
    private int admitted;
    private long suppressed;

    public LogThrottle(int linesPerWindow, long windowNanos) {
        if (linesPerWindow < 1 || windowNanos < 1) {
            throw new IllegalArgumentException("throttle: " + linesPerWindow + " lines per " + windowNanos
                    + " ns; expected both above zero");
        }
        this.linesPerWindow = linesPerWindow;
        this.windowNanos = windowNanos;
    }

    /**
     * Starts a new window when the current one is over and returns how many lines the finished one
     * suppressed (0 otherwise): call before {@link #admit()} for each line, at {@code nowNanos}.
     */
    public long rollOver(long nowNanos) {
        if (started && nowNanos - windowStart < windowNanos) {
            return 0;
        }
        started = true;
        windowStart = nowNanos;
        admitted = 0;
        long count = suppressed;
        suppressed = 0;
        return count;
    }

    /** True for the window's first lines up to the cap; every later line is counted as suppressed. */
    public boolean admit() {
        if (admitted < linesPerWindow) {
            admitted++;
            return true;
        }
        suppressed++;
        return false;
    }

    public int linesPerWindow() {
        return linesPerWindow;
    }

    public long windowNanos() {
        return windowNanos;
    }
}
