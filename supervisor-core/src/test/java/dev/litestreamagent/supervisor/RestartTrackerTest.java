package dev.litestreamagent.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RestartTrackerTest {
    private static final long SECOND = 1_000_000_000L;

    private static RestartPolicy.Builder policy() {
        return RestartPolicy.builder().initialDelay(Duration.ofSeconds(1)).multiplier(2).maxDelay(Duration.ofSeconds(60))
                .jitter(0).minUptime(Duration.ofSeconds(10)).crashLoopCount(100).crashLoopWindow(Duration.ofSeconds(60));
    }

    /** Exits right after each start, the next start after the delay; returns the delays in seconds. */
    private static List<Long> quickExits(RestartTracker tracker, int exits) {
        List<Long> delays = new ArrayList<>();
        long now = 0;
        for (int i = 0; i < exits; i++) {
            Duration delay = tracker.onExit(now, now).delay();
            delays.add(delay.getSeconds());
            now += delay.toNanos();
        }
        return delays;
    }

    @Test
    void delaysGrowByTheMultiplierUpToTheCap() {
        RestartTracker tracker = new RestartTracker(policy().build(), () -> 0.5);
        assertEquals(List.of(1L, 2L, 4L, 8L, 16L, 32L, 60L, 60L), quickExits(tracker, 8));
    }

    @Test
    void aChildThatStayedUpTheMinimumTimeIsReplacedAtOnceAndResetsTheFailureCount() {
        RestartTracker tracker = new RestartTracker(policy().build(), () -> 0);
        quickExits(tracker, 4); // up to 8 s
        assertEquals(Duration.ZERO, tracker.onExit(100 * SECOND, 110 * SECOND).delay());
        assertEquals(Duration.ofSeconds(1), tracker.onExit(110 * SECOND, 110 * SECOND).delay());
        assertEquals(Duration.ofSeconds(2), tracker.onExit(111 * SECOND, 111 * SECOND).delay());
    }

    @Test
    void aReplacementThatKeepsFailingAfterAnImmediateRestartStillEndsInACrashLoop() {
        RestartTracker tracker = new RestartTracker(policy().crashLoopCount(5).build(), () -> 0);
        assertEquals(Duration.ZERO, tracker.onExit(0, 30 * SECOND).delay());
        List<Boolean> begins = new ArrayList<>();
        List<Long> delays = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            RestartTracker.Decision d = tracker.onExit(30 * SECOND + i, 30 * SECOND + i);
            begins.add(d.crashLoopBegins());
            delays.add(d.delay().toSeconds());
        }
        assertEquals(List.of(false, false, false, true, false), begins); // the 5th exit within 60 s
        assertEquals(List.of(1L, 2L, 4L, 60L, 60L), delays);
    }

    @Test
    void jitterOnlyShortensTheDelayByAtMostItsFraction() {
        RestartPolicy withJitter = policy().jitter(0.25).build();
        assertEquals(Duration.ofSeconds(1), new RestartTracker(withJitter, () -> 0).onExit(0, 0).delay());
        assertEquals(Duration.ofMillis(875), new RestartTracker(withJitter, () -> 0.5).onExit(0, 0).delay());
        assertEquals(Duration.ofMillis(750), new RestartTracker(withJitter, () -> 1.0).onExit(0, 0).delay());
    }

    @Test
    void aCrashLoopIsReportedOnceThenRetriedAtTheCapUntilAChildStaysUp() {
        RestartTracker tracker = new RestartTracker(policy().crashLoopCount(3).build(), () -> 0);
        List<Boolean> begins = new ArrayList<>();
        List<Long> delays = new ArrayList<>();
        long now = 0;
        for (int i = 0; i < 6; i++) {
            RestartTracker.Decision d = tracker.onExit(now, now);
            begins.add(d.crashLoopBegins());
            delays.add(d.delay().getSeconds());
            assertFalse(d.giveUp());
            now += d.delay().toNanos();
        }
        assertEquals(List.of(false, false, true, false, false, false), begins);
        assertEquals(List.of(1L, 2L, 60L, 60L, 60L, 60L), delays);

        // a child that stayed up ends the loop; a new loop is reported again
        assertFalse(tracker.onExit(now, now + 20 * SECOND).crashLoopBegins());
        now += 21 * SECOND;
        assertFalse(tracker.onExit(now, now).crashLoopBegins());
        assertTrue(tracker.onExit(now + SECOND, now + SECOND).crashLoopBegins());
    }

    @Test
    void exitsSpreadWiderThanTheWindowAreNoCrashLoop() {
        RestartTracker tracker = new RestartTracker(policy().crashLoopCount(3).crashLoopWindow(Duration.ofSeconds(5))
                .minUptime(Duration.ofHours(1)).build(), () -> 0);
        for (int i = 0; i < 10; i++) {
            assertFalse(tracker.onExit(i * 6 * SECOND, i * 6 * SECOND).crashLoopBegins(), "exit " + i);
        }
    }

    @Test
    void giveUpOnCrashLoopStopsRetrying() {
        RestartTracker tracker = new RestartTracker(policy().crashLoopCount(2).giveUpOnCrashLoop(true).build(), () -> 0);
        assertFalse(tracker.onExit(0, 0).giveUp());
        assertTrue(tracker.onExit(SECOND, SECOND).giveUp());
    }

    @Test
    void badValuesAreRejectedWithTheSettingNamed() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> RestartPolicy.builder().jitter(1.5));
        assertTrue(e.getMessage().startsWith("jitter: 1.5"), e.getMessage());
        e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> RestartPolicy.builder().initialDelay(Duration.ofSeconds(5)).maxDelay(Duration.ofSeconds(1)).build());
        assertTrue(e.getMessage().contains("maxDelay"), e.getMessage());
    }
}
