package dev.litestreamagent.exec;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** status's test of a pid against what the JDK's ProcessHandle says of the same processes. */
class LiveProcessTest {
    private static final ProcessHandle SELF = ProcessHandle.current();

    @Test
    void thisJvmRunsAndStartedExactlyWhenProcessHandleSays() {
        Instant started = SELF.info().startInstant().orElseThrow();
        assertTrue(LiveProcess.runs(SELF.pid(), Optional.empty()));
        assertTrue(LiveProcess.runs(SELF.pid(), Optional.of(Instant.now())));
        assertTrue(LiveProcess.runs(SELF.pid(), Optional.of(started)), "written the millisecond it started");
        assertFalse(LiveProcess.runs(SELF.pid(), Optional.of(started.minusMillis(1))),
                "a process that started after the document was written did not write it (the pid was reused)");
    }

    @Test
    void aFinishedProcessDoesNotRun() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        assertFalse(LiveProcess.runs(gone.pid(), Optional.empty()));
        assertFalse(LiveProcess.runs(gone.pid(), Optional.of(Instant.now())));
    }

    @Test
    void noSuchPidDoesNotRun() {
        assertFalse(LiveProcess.runs(-1, Optional.empty()));
        assertFalse(LiveProcess.runs(0, Optional.empty()));
    }
}
