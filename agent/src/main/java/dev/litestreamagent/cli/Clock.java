package dev.litestreamagent.cli;

import java.time.Duration;

/** Time for verify's polling, so its deadline and backoff are tested without sleeping. */
interface Clock {
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

    void sleep(Duration duration) throws InterruptedException;
}
