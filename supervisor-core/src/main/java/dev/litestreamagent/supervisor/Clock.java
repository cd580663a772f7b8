package dev.litestreamagent.supervisor;

import java.time.Duration;
import java.time.Instant;

/** Monotonic time and sleeping, behind an interface so backoff and crash loops are tested without waiting. */
public interface Clock {
    /** The real clock: {@link System#nanoTime()} and {@link Thread#sleep(long)}. */
    Clock SYSTEM = new Clock() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void sleep(Duration duration) throws InterruptedException {
            Thread.sleep(Math.max(0, duration.toMillis()));
        }
    };

    long nanoTime();

    /** Wall-clock time, for what an operator reads (a database's last upload); not for measuring intervals. */
    default Instant now() {
        return Instant.now();
    }

    /** Sleeps; an interrupt (a stop) ends the sleep early. */
    void sleep(Duration duration) throws InterruptedException;
}
