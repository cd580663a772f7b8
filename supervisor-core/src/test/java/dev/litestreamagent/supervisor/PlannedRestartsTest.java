package dev.litestreamagent.supervisor;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.litestreamagent.supervisor.log.LitestreamLine;
import dev.litestreamagent.testing.FakeClock;
import dev.litestreamagent.testing.TestBinary;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A stuck upload or a due resync restarts Litestream, unless the final stop has it already. */
class PlannedRestartsTest {
    private static final Duration STALL = Duration.ofSeconds(1);
    private static final Path DB = Path.of("/app.db");
    private final FakeClock clock = new FakeClock();
    private final PlannedRestarts planned = new PlannedRestarts(SupervisorSettings.builder().name("planned")
            .binary(Path.of("litestream")).configFile(Path.of("litestream.yml")).databases(List.of(DB))
            .logMarkers(TestBinary.LOG_MARKERS)
            .resyncPolicy(ResyncPolicy.of(Duration.ofMillis(300), Duration.ofSeconds(1), STALL))
            .stopTimeout(Duration.ofSeconds(1)).build(), clock);

    private Attempt stuckUpload(ScriptedChild child) {
        Attempt attempt = new Attempt(child, clock.nanoTime(), List.of(DB), Optional::empty);
        planned.launched();
        planned.onLine(LitestreamLine.parse("{\"level\":\"INFO\",\"msg\":\"write wal segment\",\"db\":\"/app.db\","
                + "\"replica\":\"file\"}", TestBinary.LOG_MARKERS));
        clock.advance(STALL.plusMillis(100));
        return attempt;
    }

    @Test
    void aStuckUploadRestartsLitestream() throws Exception {
        ScriptedChild child = new ScriptedChild();
        Attempt attempt = stuckUpload(child);
        planned.check(attempt);
        assertTrue(child.terminated, "the stuck Litestream got its SIGTERM");
        assertTrue(attempt.isResync(), "its exit is a planned restart, no crash");
    }

    @Test
    void theFinalStopKeepsALitestreamItClaimedEvenWhenItsUploadIsStuck() throws Exception {
        ScriptedChild child = new ScriptedChild();
        Attempt attempt = stuckUpload(child);
        assertTrue(attempt.claimForFinalStop());
        planned.check(attempt);
        assertFalse(child.terminated, "the final stop alone stops it (its SIGTERM comes after its own waits)");
        assertFalse(attempt.isResync());
        assertFalse(attempt.claimForRestart());
    }

    @Test
    void aLitestreamARestartClaimedIsNotTheFinalStopsToStop() throws Exception {
        ScriptedChild child = new ScriptedChild();
        Attempt attempt = stuckUpload(child);
        planned.check(attempt);
        assertFalse(attempt.claimForFinalStop(), "the final stop waits for it and launches one for the final sync");
    }
}
