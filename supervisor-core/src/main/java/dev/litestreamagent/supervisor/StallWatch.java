package dev.litestreamagent.supervisor;

import dev.litestreamagent.supervisor.log.LitestreamLine;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Notices a Litestream stuck in an upload. With 0.3.13, a file replica whose directory became
 * unwritable left it blocked inside {@code write wal segment} for good: no error logged, nothing
 * replicated after the directory was writable again, and SIGTERM no longer ended it (its
 * goroutine writes into a pipe nobody reads). An upload begun, then neither finished nor failed
 * (an ERROR line) within the timeout, is a stall. Uploads are told apart by database and replica.
 * Thread-safe: fed by the output thread, asked by the watcher.
 */
final class StallWatch {
    private final ResyncPolicy policy;
    private final Map<String, Long> begun = new HashMap<>();
    private long timeoutNanos;

    StallWatch(ResyncPolicy policy) {
        this.policy = policy;
        this.timeoutNanos = policy.stallTimeout().toNanos();
    }

    synchronized void onLine(LitestreamLine line, long nowNanos) {
        String upload = line.field("db") + " " + line.field("replica");
        if (line.uploadBegun()) {
            begun.putIfAbsent(upload, nowNanos);
        } else if (line.uploadDone()) {
            begun.remove(upload);
            timeoutNanos = policy.stallTimeout().toNanos();
        } else if (line.level() == LitestreamLine.Level.ERROR) {
            begun.remove(upload); // failed, not stuck: the resync trigger's business
        }
    }

    /** How long the oldest upload in flight has been stuck, when that exceeds the current timeout. */
    synchronized Optional<Duration> stalled(long nowNanos) {
        if (!policy.enabled()) {
            return Optional.empty();
        }
        long longest = 0;
        for (long since : begun.values()) {
            longest = Math.max(longest, nowNanos - since);
        }
        return longest >= timeoutNanos ? Optional.of(Duration.ofNanos(longest)) : Optional.empty();
    }

    /** A new Litestream starts with nothing in flight. */
    synchronized void launched() {
        begun.clear();
    }

    /** A restart for a stall: a slow upload rather than a stuck one gets longer next time. */
    synchronized void restartedForStall() {
        timeoutNanos = Math.min(timeoutNanos * 2, policy.stallTimeout().toNanos() * ResyncPolicy.MAX_STALL_GROWTH);
    }
}
