package dev.litestreamagent.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.litestreamagent.supervisor.log.LitestreamLine;
import dev.litestreamagent.testing.TestBinary;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ResyncTriggerTest {
    private static final long S = 1_000_000_000L;
    private static final LitestreamLine ERROR = LitestreamLine.parse(
            "{\"level\":\"ERROR\",\"msg\":\"monitor error\",\"error\":\"connection refused\"}", TestBinary.LOG_MARKERS);
    private static final LitestreamLine UPLOAD = LitestreamLine.parse(
            "{\"level\":\"INFO\",\"msg\":\"wal segment written\",\"sz\":\"4120\"}", TestBinary.LOG_MARKERS);
    private static final LitestreamLine OTHER = LitestreamLine.parse("{\"level\":\"INFO\",\"msg\":\"initialized db\"}",
            TestBinary.LOG_MARKERS);

    @Test
    void dueOnlyAfterErrorsFollowedByTheQuietPeriodWithoutAnUpload() {
        ResyncTrigger trigger = new ResyncTrigger(ResyncPolicy.defaults());
        assertFalse(trigger.due(100 * S), "no error seen");
        trigger.onLine(ERROR, 10 * S);
        trigger.onLine(OTHER, 11 * S);
        assertFalse(trigger.due(12 * S));
        assertTrue(trigger.due(13 * S));
    }

    @Test
    void anUploadAfterTheErrorsMeansLitestreamRecoveredByItself() {
        ResyncTrigger trigger = new ResyncTrigger(ResyncPolicy.defaults());
        trigger.onLine(ERROR, 10 * S);
        trigger.onLine(UPLOAD, 11 * S);
        assertFalse(trigger.due(60 * S));
    }

    @Test
    void eachRestartWithoutAnUploadDoublesTheWaitUpToMaxWaitAndAnUploadResetsIt() {
        ResyncTrigger trigger = new ResyncTrigger(ResyncPolicy.of(Duration.ofSeconds(3), Duration.ofSeconds(10), Duration.ofSeconds(60)));
        trigger.onLine(ERROR, 0);
        trigger.restarted(3 * S);
        assertFalse(trigger.due(8 * S), "the second wait is 6 s");
        assertTrue(trigger.due(9 * S));
        trigger.restarted(9 * S);
        assertFalse(trigger.due(18 * S), "the third wait is capped at 10 s, not 12");
        assertTrue(trigger.due(19 * S));
        for (int i = 3; i <= 10; i++) {
            trigger.restarted(19 * S);
        }
        assertEquals(Duration.ofSeconds(10), trigger.currentWait());
        trigger.onLine(UPLOAD, 40 * S);
        trigger.onLine(ERROR, 50 * S);
        assertTrue(trigger.due(53 * S), "back to the quiet period");
    }

    @Test
    void aLongOutageIsRetriedEveryMaxWaitSoRowsGoUpSoonAfterItEnds() {
        ResyncTrigger trigger = new ResyncTrigger(ResyncPolicy.defaults());
        trigger.onLine(ERROR, 0);
        long now = 0;
        long lastRestart = 0;
        while (now < 60 * S) { // 60 s of an outage: each new Litestream logs an error 0.5 s after its start
            now += S / 10;
            if (trigger.due(now)) {
                assertTrue(now - lastRestart <= 5 * S + S / 2 + S / 10, "restarts " + (now - lastRestart) / 1e9 + " s apart");
                lastRestart = now;
                trigger.restarted(now);
                trigger.onLine(ERROR, now + S / 2);
            }
        }
        assertEquals(Duration.ofSeconds(5), trigger.currentWait());
    }

    @Test
    void turnedOffItIsNeverDue() {
        ResyncTrigger trigger = new ResyncTrigger(ResyncPolicy.off());
        trigger.onLine(ERROR, 0);
        assertFalse(trigger.due(1000 * S));
    }
}
