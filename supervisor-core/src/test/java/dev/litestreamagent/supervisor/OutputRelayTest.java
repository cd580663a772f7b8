package dev.litestreamagent.supervisor;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.litestreamagent.secrets.SecretMask;
import dev.litestreamagent.testing.FakeClock;
import dev.litestreamagent.testing.TestBinary;
import java.util.List;
import org.junit.jupiter.api.Test;

/** When a final exit 1 comes only from Litestream 0.3.13's close racing its own replica sync. */
class OutputRelayTest {
    private static final String RACE = "time=x level=ERROR msg=\"error closing db\" db=/d/a.db error=\"client write: "
            + "stat /r/wal/00000000_00004080.wal.lz4.tmp: no such file or directory\"";

    private static OutputRelay relay() {
        return new OutputRelay(TestBinary.LOG_MARKERS, SecretMask.of(List.of()), new FakeClock());
    }

    @Test
    void anExit1WithOnlyTheRaceWhileStoppingIsTheRace() {
        OutputRelay relay = relay();
        relay.relay(RACE, true);
        relay.relay("time=x level=ERROR msg=\"checkpoint\" error=\"context canceled\"", true);
        assertTrue(relay.exitCodeFromCloseRace(1));
        assertFalse(relay.exitCodeFromCloseRace(0));
        assertFalse(relay.exitCodeFromCloseRace(137));
    }

    /** The lines of a real 0.3.13 close that met its replica's first sync under load (seeding 4 new databases). */
    @Test
    void aPanicForAMissingGenerationInTheCloseIsTheRaceToo() {
        OutputRelay relay = relay();
        relay.relay("time=x level=INFO msg=\"write snapshot\" db=/d/b.db replica=file position=d0ec/00000000:16512", true);
        relay.relay("panic: assertion failed: generation name required", true);
        relay.relay("", true);
        relay.relay("goroutine 1 [running]:", true);
        relay.relay("github.com/benbjohnson/litestream.(*DB).Close(0xc000007d40)", true);
        assertTrue(relay.exitCodeFromCloseRace(2));

        OutputRelay otherPanic = relay();
        otherPanic.relay("panic: runtime error: invalid memory address or nil pointer dereference", true);
        assertFalse(otherPanic.exitCodeFromCloseRace(2));
    }

    @Test
    void anyOtherErrorWhileStoppingOrTheRaceBeforeTheStopIsNot() {
        OutputRelay other = relay();
        other.relay(RACE, true);
        other.relay("time=x level=ERROR msg=\"error closing db\" db=/d/b.db error=\"connection refused\"", true);
        assertFalse(other.exitCodeFromCloseRace(1));

        OutputRelay running = relay();
        running.relay(RACE, false);
        assertFalse(running.exitCodeFromCloseRace(1));

        OutputRelay relaunched = relay();
        relaunched.relay(RACE, true);
        relaunched.launched(); // a new Litestream is judged by its own lines
        assertFalse(relaunched.exitCodeFromCloseRace(1));
    }
}
