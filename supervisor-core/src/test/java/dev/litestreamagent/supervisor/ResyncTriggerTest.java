package dev.litestreamagent.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.litestreamagent.supervisor.log.LitestreamLine;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ResyncTriggerTest {
    private static final long S = 1_000_000_000L;
    private static final LitestreamLine ERROR = LitestreamLine.parse(
            "{\"level\":\"ERROR\",\"msg\":\"monitor error\",\"error\":\"connection refused\"}");
    private static final LitestreamLine UPLOAD = LitestreamLine.parse(
            "{\"level\":\"INFO\",\"msg\":\"wal segment written\",\"sz\":\"4120\"}");
    private static final LitestreamLine OTHER = LitestreamLine.parse("{\"level\":\"INFO\",\"msg\":\"initialized db\"}");

    @Test
    void dueOnlyAfterErrorsFollowedByTheQuietPeriodWithoutAnUpload() {
        ResyncTrigger trigger = new ResyncTrigger(Duration.ofSeconds(3));
        assertFalse(trigger.due(100 * S), "no error seen");
        trigger.onLine(ERROR, 10 * S);
        trigger.onLine(OTHER, 11 * S);
        assertFalse(trigger.due(12 * S));
        assertTrue(trigger.due(13 * S));
    }

    @Test
    void anUploadAfterTheErrorsMeansLitestreamRecoveredByItself() {
        ResyncTrigger trigger = new ResyncTrigger(Duration.ofSeconds(3));
        trigger.onLine(ERROR, 10 * S);
        trigger.onLine(UPLOAD, 11 * S);
        assertFalse(trigger.due(60 * S));
    }

    @Test
    void eachRestartWithoutAnUploadDoublesTheWaitUpToTheCapAndAnUploadResetsIt() {
        ResyncTrigger trigger = new ResyncTrigger(Duration.ofSeconds(3));
        trigger.onLine(ERROR, 0);
        trigger.restarted(3 * S);
        assertFalse(trigger.due(8 * S));
        assertTrue(trigger.due(9 * S));
        for (int i = 0; i < 10; i++) {
            trigger.restarted(9 * S);
        }
        assertEquals(ResyncTrigger.MAX_WAIT, trigger.currentWait());
        trigger.onLine(UPLOAD, 40 * S);
        trigger.onLine(ERROR, 50 * S);
        assertTrue(trigger.due(53 * S));
    }

    @Test
    void aZeroQuietPeriodTurnsItOff() {
        ResyncTrigger trigger = new ResyncTrigger(Duration.ZERO);
        trigger.onLine(ERROR, 0);
        assertFalse(trigger.due(1000 * S));
    }
}
