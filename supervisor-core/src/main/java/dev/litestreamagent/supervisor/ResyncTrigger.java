package dev.litestreamagent.supervisor;

import dev.litestreamagent.supervisor.log.LitestreamLine;
import java.time.Duration;

/**
 * Decides when a graceful restart makes Litestream sync again after replication errors.
 * Litestream 0.3 retries a failed upload only when the database changes: rows written during an
 * S3 outage, with no write after it, stayed off the replica (10 of 10, 15 s after S3 returned),
 * while a restart uploads them. So: once an ERROR line was seen, no upload was logged since, and
 * Litestream has been quiet for the current wait, a restart is due. Each restart that did not
 * bring an upload doubles the wait up to {@link ResyncPolicy#maxWait()}, which therefore bounds
 * the delay between the end of an outage and the upload. Thread-safe: fed by the output thread,
 * asked by the watcher.
 */
final class ResyncTrigger {
    private final ResyncPolicy policy;
    private boolean pending;
    private long lastEventNanos;
    private long waitNanos;

    ResyncTrigger(ResyncPolicy policy) {
        this.policy = policy;
        this.waitNanos = policy.quietPeriod().toNanos();
    }

    synchronized void onLine(LitestreamLine line, long nowNanos) {
        if (line.level() == LitestreamLine.Level.ERROR) {
            pending = true;
            lastEventNanos = nowNanos;
        } else if (line.uploadDone()) {
            pending = false;
            waitNanos = policy.quietPeriod().toNanos();
        }
    }

    /** Whether to restart now: errors, no upload since, and quiet for the current wait. */
    synchronized boolean due(long nowNanos) {
        return policy.enabled() && pending && nowNanos - lastEventNanos >= waitNanos;
    }

    /** A resync restart begins: wait longer before the next one unless an upload is seen meanwhile. */
    synchronized void restarted(long nowNanos) {
        lastEventNanos = nowNanos;
        waitNanos = Math.min(waitNanos * 2, policy.maxWait().toNanos());
    }

    /** The wait before the restart that is (or would be) due next. */
    synchronized Duration currentWait() {
        return Duration.ofNanos(waitNanos);
    }
}
