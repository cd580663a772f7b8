package dev.litestreamagent.supervisor;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.litestreamagent.exec.CommandLines;
import dev.litestreamagent.fs.OtherUser;
import dev.litestreamagent.supervisor.lock.PidFile;
import dev.litestreamagent.supervisor.lock.StateDirectory;
import dev.litestreamagent.testing.FakeClock;
import dev.litestreamagent.testing.TestBinary;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17, finding 2: a pid file only says where to look. A forged one (recording the named
 * process's own command line, which the orphan killer used to accept as proof) must not get an
 * unrelated process signalled.
 */
class ForgedPidFileTest {
    @TempDir
    Path dir;

    private final FakeClock clock = new FakeClock();
    private final FakeLauncher launcher = new FakeLauncher(clock);

    private Supervisor supervisor() {
        return new Supervisor(SupervisorSettings.builder().name("forged").binary(dir.resolve("litestream"))
                .configFile(dir.resolve("c.yml")).databases(List.of(dir.resolve("app.db"))).startGrace(Duration.ZERO)
                .stopTimeout(Duration.ofSeconds(5)).logMarkers(TestBinary.LOG_MARKERS).build(), launcher, clock, () -> 0);
    }

    private void forgePidFile(Process victim) throws Exception {
        List<String> itsOwnCommandLine = CommandLines.of(victim.pid()).orElseThrow();
        new PidFile(StateDirectory.of(dir.resolve("app.db")).create().pidFile()).write(victim.pid(), itsOwnCommandLine);
    }

    @Test
    void aPidFileNamingAnUnrelatedProcessWithItsExactCommandLineLeavesItAlone() throws Exception {
        Process sleep = new ProcessBuilder("sleep", "600").start();
        try (Supervisor supervisor = supervisor()) {
            forgePidFile(sleep);
            supervisor.start();
            assertTrue(sleep.isAlive(), "an unrelated process named by a forged pid file was stopped");
        } finally {
            sleep.destroyForcibly();
        }
    }

    @Test
    void asRootAnotherUsersProcessNamedByAForgedPidFileSurvives() throws Exception {
        OtherUser.assumeRootWithSetpriv();
        Process victims = OtherUser.VICTIM.start("sleep", "600");
        try (Supervisor supervisor = supervisor()) {
            forgePidFile(victims);
            supervisor.start();
            assertTrue(!victims.waitFor(500, TimeUnit.MILLISECONDS), "the victim's process was signalled");
        } finally {
            victims.destroyForcibly();
        }
    }
}
