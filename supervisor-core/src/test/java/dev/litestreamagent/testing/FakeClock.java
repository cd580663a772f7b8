package dev.litestreamagent.testing;

import dev.litestreamagent.supervisor.Clock;
import java.time.Duration;
import java.time.Instant;
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

    /** Wall-clock time that moves with {@link #nanoTime()}, from a fixed start. */
    @Override
    public Instant now() {
        return Instant.ofEpochSecond(1_700_000_000L).plusNanos(now);
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
