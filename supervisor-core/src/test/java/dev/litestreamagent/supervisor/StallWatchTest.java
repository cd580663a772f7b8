package dev.litestreamagent.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.litestreamagent.supervisor.log.LitestreamLine;
import dev.litestreamagent.testing.TestBinary;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StallWatchTest {
    private static final long S = 1_000_000_000L;
    private static final ResyncPolicy POLICY = ResyncPolicy.of(Duration.ofSeconds(3), Duration.ofSeconds(5),
            Duration.ofSeconds(60));

    private static LitestreamLine line(String level, String msg, String db) {
        return LitestreamLine.parse("{\"level\":\"" + level + "\",\"msg\":\"" + msg + "\",\"db\":\"" + db
                + "\",\"replica\":\"s3\"}", TestBinary.LOG_MARKERS);
    }

    @Test
    void anUploadBegunAndNeitherFinishedNorFailedWithinTheTimeoutIsAStall() {
        StallWatch watch = new StallWatch(POLICY);
        watch.onLine(line("INFO", "write wal segment", "/a.db"), 10 * S);
        assertFalse(watch.stalled(69 * S).isPresent());
        assertEquals(Optional.of(Duration.ofSeconds(60)), watch.stalled(70 * S));
    }

    @Test
    void finishedOrFailedUploadsAreNotStalls() {
        StallWatch watch = new StallWatch(POLICY);
        watch.onLine(line("INFO", "write snapshot", "/a.db"), 0);
        watch.onLine(line("INFO", "snapshot written", "/a.db"), S);
        watch.onLine(line("INFO", "write wal segment", "/a.db"), 2 * S);
        watch.onLine(line("ERROR", "monitor error", "/a.db"), 3 * S);
        assertFalse(watch.stalled(1000 * S).isPresent());
    }

    @Test
    void anotherDatabaseFinishingDoesNotHideAStuckOne() {
        StallWatch watch = new StallWatch(POLICY);
        watch.onLine(line("INFO", "write wal segment", "/stuck.db"), 0);
        watch.onLine(line("INFO", "write wal segment", "/busy.db"), S);
        watch.onLine(line("INFO", "wal segment written", "/busy.db"), 2 * S);
        assertTrue(watch.stalled(60 * S).isPresent());
    }

    @Test
    void eachStallRestartDoublesTheTimeoutUpToSixteenTimesAndAnUploadResetsIt() {
        StallWatch watch = new StallWatch(POLICY);
        for (int i = 0; i < 10; i++) {
            watch.restartedForStall();
        }
        watch.launched();
        watch.onLine(line("INFO", "write snapshot", "/big.db"), 0);
        assertFalse(watch.stalled(959 * S).isPresent(), "a slow snapshot gets 16 minutes at most, not less");
        assertTrue(watch.stalled(960 * S).isPresent());
        watch.onLine(line("INFO", "snapshot written", "/big.db"), 961 * S);
        watch.onLine(line("INFO", "write wal segment", "/big.db"), 1000 * S);
        assertTrue(watch.stalled(1060 * S).isPresent(), "back to 60 s after an upload");
    }

    @Test
    void aNewLitestreamHasNothingInFlightAndOffMeansNever() {
        StallWatch watch = new StallWatch(POLICY);
        watch.onLine(line("INFO", "write wal segment", "/a.db"), 0);
        watch.launched();
        assertFalse(watch.stalled(1000 * S).isPresent());
        StallWatch off = new StallWatch(ResyncPolicy.off());
        off.onLine(line("INFO", "write wal segment", "/a.db"), 0);
        assertFalse(off.stalled(1000 * S).isPresent());
    }
}
