package dev.litestreamagent.testing;

import dev.litestreamagent.supervisor.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A clock that never waits: sleeping records the delay and moves time forward. */
public final class FakeClock implements Clock {
    private volatile long now = 1_000_000_000L;
    public final List<Duration> sleeps = new CopyOnWriteArrayList<>();

    @Override
    public long nanoTime() {
        return now;
    }

    @Override
    public void sleep(Duration duration) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        sleeps.add(duration);
        advance(duration);
    }

    public void advance(Duration duration) {
        now += duration.toNanos();
    }
}
