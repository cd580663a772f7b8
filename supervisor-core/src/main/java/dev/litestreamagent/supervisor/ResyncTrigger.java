package dev.litestreamagent.supervisor;

import dev.litestreamagent.supervisor.log.LitestreamLine;
import java.time.Duration;

/**
 * Decides when a graceful restart makes Litestream sync again after replication errors.
 * Litestream 0.3 retries a failed upload only when the database changes: rows written during an
 * S3 outage, with no write after it, stayed off the replica (10 of 10, 15 s after S3 returned),
 * while a restart uploads them. So: once an ERROR line was seen, no upload was logged since, and
 * Litestream has been quiet for the quiet period, a restart is due. Each restart that did not
 * bring an upload doubles the wait (capped), so a long outage or a lasting fault (bad keys) does
 * not restart Litestream every few seconds. Thread-safe: fed by the output thread, asked by the watcher.
 */
final class ResyncTrigger {
    static final Duration MAX_WAIT = Duration.ofSeconds(30);
    private static final String[] UPLOADED = {"wal segment written", "snapshot written"};

    private final long quietNanos;
    private boolean pending;
    private long lastEventNanos;
    private long waitNanos;

    /** {@code quiet} zero turns resyncing off. */
    ResyncTrigger(Duration quiet) {
        this.quietNanos = quiet.toNanos();
        this.waitNanos = quietNanos;
    }

    synchronized void onLine(LitestreamLine line, long nowNanos) {
        if (line.level() == LitestreamLine.Level.ERROR) {
            pending = true;
            lastEventNanos = nowNanos;
        } else if (isUpload(line.text())) {
            pending = false;
            waitNanos = quietNanos;
        }
    }

    /** Whether to restart now: errors, no upload since, and quiet for the current wait. */
    synchronized boolean due(long nowNanos) {
        return quietNanos > 0 && pending && nowNanos - lastEventNanos >= waitNanos;
    }

    /** A resync restart began: wait longer before the next one unless an upload is seen meanwhile. */
    synchronized void restarted(long nowNanos) {
        lastEventNanos = nowNanos;
        waitNanos = Math.min(waitNanos * 2, Math.max(quietNanos, MAX_WAIT.toNanos()));
    }

    /** The wait before the restart that is (or would be) due next. */
    synchronized Duration currentWait() {
        return Duration.ofNanos(waitNanos);
    }

    private static boolean isUpload(String text) {
        for (String marker : UPLOADED) {
            if (text.startsWith(marker)) {
                return true;
            }
        }
        return false;
    }
}
