package dev.litestreamagent.supervisor;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import dev.litestreamagent.testing.FakeClock;
import dev.litestreamagent.testing.LogCapture;
import dev.litestreamagent.testing.TestBinary;
import dev.litestreamagent.supervisor.lock.PidFile;
import dev.litestreamagent.supervisor.lock.StateDirectory;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Restart, crash-loop, stop and locking logic with a fake clock and fake children: nothing sleeps. */
class SupervisorRestartTest {
    private static final String MONITOR_ERROR =
            "{\"level\":\"ERROR\",\"msg\":\"monitor error\",\"error\":\"connection refused\"}";
    @TempDir
    Path dir;

    private final FakeClock clock = new FakeClock();
    private final FakeLauncher launcher = new FakeLauncher(clock);

    private SupervisorSettings.Builder settings(String name) {
        return SupervisorSettings.builder().name(name).binary(dir.resolve("litestream")).configFile(dir.resolve("c.yml"))
                .databases(List.of(dir.resolve("app.db"))).startGrace(Duration.ZERO).stopTimeout(Duration.ofSeconds(5))
                .logMarkers(TestBinary.LOG_MARKERS)
                .restartPolicy(RestartPolicy.builder().initialDelay(Duration.ofMillis(50)).multiplier(2)
                        .maxDelay(Duration.ofMillis(400)).jitter(0).minUptime(Duration.ofSeconds(1))
                        .crashLoopCount(5).crashLoopWindow(Duration.ofSeconds(10)).build());
    }

    /** Fake child {@code index} says it opened the database; returned once the supervisor is RUNNING. */
    private FakeLauncher.FakeChild running(Supervisor supervisor, int index) throws Exception {
        FakeLauncher.FakeChild child = launcher.children.get(index);
        child.print("{\"level\":\"INFO\",\"msg\":\"initialized db\",\"path\":\"app.db\"}");
        await().until(() -> supervisor.status().state() == SupervisorState.RUNNING);
        return child;
    }

    private static List<Long> millis(List<Duration> durations) {
        return durations.stream().map(Duration::toMillis).collect(Collectors.toList());
    }

    @Test
    void quickExitsAreRestartedWithGrowingDelaysAndOneCrashLoopError() throws Exception {
        launcher.thenExitTimes(7, Duration.ofMillis(10), 3);
        try (LogCapture log = LogCapture.supervisor(); Supervisor supervisor = new Supervisor(settings("loop").build(),
                launcher, clock, () -> 0)) {
            supervisor.start();
            await().until(() -> launcher.children.size() == 8);
            assertEquals(List.of(50L, 100L, 200L, 400L, 400L, 400L, 400L), millis(clock.sleeps));
            List<String> errors = log.messages(Level.ERROR);
            assertEquals(1, errors.size(), errors.toString());
            assertTrue(errors.get(0).contains("crash-looping") && errors.get(0).contains("last exit code 3"), errors.get(0));
            SupervisorStatus status = supervisor.status();
            assertEquals(7, status.restartCount());
            assertEquals(3, status.lastExitCode().getAsInt());
            assertEquals(SupervisorState.STARTING, status.state());
            assertTrue(status.lastError().get().contains("exited unexpectedly with code 3"), status.toString());
        }
    }

    @Test
    void aChildThatStayedUpIsReplacedAtOnceAndResetsTheBackoff() throws Exception {
        launcher.thenExitTimes(3, Duration.ZERO, 1).thenExit(Duration.ofSeconds(2), 1).thenExit(Duration.ZERO, 1);
        try (Supervisor supervisor = new Supervisor(settings("reset").build(), launcher, clock, () -> 0)) {
            supervisor.start();
            await().until(() -> launcher.children.size() == 6);
            assertEquals(List.of(50L, 100L, 200L, 0L, 50L), millis(clock.sleeps));
        }
    }

    @Test
    void givingUpOnACrashLoopEndsInFailed() throws Exception {
        launcher.thenExitTimes(10, Duration.ZERO, 2);
        SupervisorSettings giveUp = settings("give-up").restartPolicy(RestartPolicy.builder().initialDelay(Duration.ofMillis(50))
                .maxDelay(Duration.ofMillis(50)).crashLoopCount(3).giveUpOnCrashLoop(true).build()).build();
        try (Supervisor supervisor = new Supervisor(giveUp, launcher, clock, () -> 0)) {
            supervisor.start();
            await().until(() -> supervisor.status().state() == SupervisorState.FAILED);
            assertEquals(3, launcher.children.size());
            assertTrue(supervisor.status().lastError().get().contains("gave up"), supervisor.status().toString());
        }
    }

    @Test
    void stopTerminatesTheChildReleasesTheLockAndIsIdempotent() throws Exception {
        Supervisor first = new Supervisor(settings("first").build(), launcher, clock, () -> 0);
        first.start();
        ObjectName name = StatusMBean.objectName("first");
        assertEquals("STARTING", ManagementFactory.getPlatformMBeanServer().getAttribute(name, "State"));
        first.stop();
        first.stop();
        assertTrue(launcher.children.get(0).terminated);
        assertFalse(launcher.children.get(0).killed);
        assertEquals(SupervisorState.STOPPED, first.status().state());
        assertFalse(ManagementFactory.getPlatformMBeanServer().isRegistered(name));
        assertFalse(Files.exists(dir.resolve(".app.db-litestream-agent/litestream.pid")));
        try (Supervisor second = new Supervisor(settings("second").build(), launcher, clock, () -> 0)) {
            second.start(); // the lock is free again
            assertEquals(2, launcher.children.size());
        }
    }

    @Test
    void aPidFileWhosePidNowBelongsToAnotherProgramKillsNothing() throws Exception {
        Process unrelated = new ProcessBuilder("sleep", "60").start();
        try (Supervisor supervisor = new Supervisor(settings("reused").build(), launcher, clock, () -> 0)) {
            new PidFile(StateDirectory.of(dir.resolve("app.db")).create().pidFile())
                    .write(unrelated.pid(), supervisor.command());
            supervisor.start();
            assertTrue(unrelated.isAlive(), "a process that merely reused the recorded pid was stopped");
        } finally {
            unrelated.destroyForcibly();
        }
    }

    @Test
    void aSecondSupervisorOnTheSameDatabaseRefusesAndNamesTheHolder() throws Exception {
        try (Supervisor first = new Supervisor(settings("holder").build(), launcher, clock, () -> 0)) {
            first.start();
            Supervisor second = new Supervisor(settings("intruder").build(), launcher, clock, () -> 0);
            ReplicatorAlreadyRunningException e = assertThrows(ReplicatorAlreadyRunningException.class, second::start);
            assertTrue(e.getMessage().contains(dir.resolve("app.db").toString()), e.getMessage());
            assertTrue(e.getMessage().contains("process " + ProcessHandle.current().pid()), e.getMessage());
            assertEquals(1, launcher.children.size());
            assertEquals(SupervisorState.STARTING, first.status().state());
        }
    }

    @Test
    void eachDatabasesLastFinishedUploadIsInTheStatus() throws Exception {
        try (Supervisor supervisor = new Supervisor(settings("uploads").build(), launcher, clock, () -> 0)) {
            supervisor.start();
            FakeLauncher.FakeChild litestream = running(supervisor, 0);
            assertEquals(Map.of(), supervisor.status().lastUploads(), "nothing uploaded yet");
            litestream.print("{\"level\":\"INFO\",\"msg\":\"write wal segment\",\"db\":\"/d/a.db\"}");
            litestream.print("{\"level\":\"INFO\",\"msg\":\"wal segment written\",\"db\":\"/d/a.db\"}");
            Instant first = clock.now();
            await().until(() -> supervisor.status().lastUploads().containsKey("/d/a.db"));
            clock.advance(Duration.ofSeconds(5));
            litestream.print("{\"level\":\"INFO\",\"msg\":\"snapshot written\",\"db\":\"/d/b.db\"}");
            await().until(() -> supervisor.status().lastUploads().size() == 2);
            assertEquals(Map.of("/d/a.db", first, "/d/b.db", first.plusSeconds(5)), supervisor.status().lastUploads());
        }
    }

    @Test
    void errorsThenSilenceRestartLitestreamGracefullyUntilAnUploadWithOneWarning() throws Exception {
        SupervisorSettings resyncing = settings("resync")
                .resyncPolicy(ResyncPolicy.of(Duration.ofSeconds(3), Duration.ofSeconds(5), Duration.ofSeconds(60))).build();
        try (LogCapture log = LogCapture.supervisor();
                Supervisor supervisor = new Supervisor(resyncing, launcher, clock, () -> 0)) {
            supervisor.start();
            for (int child = 0; child < 3; child++) { // an outage: every new Litestream fails too
                FakeLauncher.FakeChild litestream = running(supervisor, child);
                litestream.print(MONITOR_ERROR);
                int next = child + 1;
                await().until(() -> { // Litestream stays quiet while the fake clock moves on
                    clock.advance(Duration.ofMillis(200));
                    return launcher.children.size() > next;
                });
                assertTrue(litestream.terminated && !litestream.killed, "not stopped gracefully (SIGTERM)");
            }
            launcher.children.get(3).print("{\"level\":\"INFO\",\"msg\":\"wal segment written\",\"sz\":\"4120\"}");
            await().until(() -> log.messages(Level.INFO).stream().anyMatch(m -> m.contains("replication recovered")));

            SupervisorStatus status = supervisor.status();
            assertEquals(3, status.resyncCount());
            assertEquals(0, status.restartCount(), "a resync is not a crash");
            assertTrue(clock.sleeps.stream().allMatch(Duration::isZero), "resyncs relaunch without backoff: " + clock.sleeps);
            List<String> warnings = log.messages(Level.WARN);
            assertEquals(1, warnings.size(), "one warning per outage, not per try: " + warnings);
            assertTrue(warnings.get(0).contains("nothing for 3000 ms") && warnings.get(0).contains("every 5000 ms"),
                    warnings.get(0));
            assertTrue(log.messages(Level.INFO).stream().anyMatch(m -> m.contains("after 3 planned restart(s)")),
                    log.messages(Level.INFO).toString());
        }
    }

    /**
     * The application exits while a resync restart waits for a Litestream that never ends its final
     * sync (0.3.13 with a file replica whose directory became a file): the whole stop takes one stop
     * timeout (a successor for the final sync gets what is left of it, not a stop timeout of its
     * own), and an ERROR names the database whose last rows stay local.
     */
    @Test
    void aStopDuringAPlannedRestartOfALitestreamThatNeverEndsTakesOneStopTimeout() throws Exception {
        SupervisorSettings resyncing = settings("stuck-at-exit").stopTimeout(Duration.ofSeconds(1))
                .resyncPolicy(ResyncPolicy.of(Duration.ofSeconds(3), Duration.ofSeconds(5), Duration.ofSeconds(60))).build();
        launcher.ignoreSigterm = true;
        try (LogCapture log = LogCapture.supervisor();
                Supervisor supervisor = new Supervisor(resyncing, launcher, clock, () -> 0)) {
            supervisor.start();
            FakeLauncher.FakeChild litestream = running(supervisor, 0);
            litestream.print(MONITOR_ERROR);
            await().until(() -> { // quiet after the error: the watcher restarts it and waits for its exit
                clock.advance(Duration.ofMillis(200));
                return litestream.terminated;
            });
            long begun = System.nanoTime();
            supervisor.stop();
            long tookMillis = Duration.ofNanos(System.nanoTime() - begun).toMillis();

            assertTrue(tookMillis < 1500, "the stop took " + tookMillis + " ms with a 1 s stop timeout");
            assertTrue(launcher.children.stream().allMatch(child -> child.killed), "one that ignored SIGTERM was not killed");
            assertTrue(log.messages(Level.ERROR).stream().anyMatch(m -> m.contains("stay only in the local file of ["
                    + dir.resolve("app.db"))), log.messages(Level.ERROR).toString());
            assertEquals(SupervisorState.STOPPED, supervisor.status().state());
        }
    }

    @Test
    void turnedOffErrorsThenSilenceLeaveLitestreamRunning() throws Exception {
        SupervisorSettings off = settings("no-resync").resyncPolicy(ResyncPolicy.off()).build();
        try (Supervisor supervisor = new Supervisor(off, launcher, clock, () -> 0)) {
            supervisor.start();
            FakeLauncher.FakeChild litestream = running(supervisor, 0);
            litestream.print(MONITOR_ERROR);
            await().until(() -> supervisor.status().lastOutputLines().stream().anyMatch(l -> l.contains("monitor error")));
            for (int i = 0; i < 20; i++) {
                clock.advance(Duration.ofSeconds(10));
                Thread.sleep(20);
            }
            assertFalse(litestream.terminated, "restarted although resync is off");
            assertEquals(1, launcher.children.size());
        }
    }

    @Test
    void anUploadThatNeitherFinishesNorFailsIsAStallAndLitestreamIsReplaced() throws Exception {
        SupervisorSettings stalling = settings("stall")
                .resyncPolicy(ResyncPolicy.of(Duration.ofSeconds(3), Duration.ofSeconds(5), Duration.ofSeconds(30))).build();
        try (LogCapture log = LogCapture.supervisor();
                Supervisor supervisor = new Supervisor(stalling, launcher, clock, () -> 0)) {
            supervisor.start();
            FakeLauncher.FakeChild stuck = running(supervisor, 0);
            stuck.print("{\"level\":\"INFO\",\"msg\":\"write wal segment\",\"db\":\"app.db\",\"replica\":\"file\"}");
            await().until(() -> supervisor.status().lastOutputLines().stream().anyMatch(l -> l.contains("write wal")));
            clock.advance(Duration.ofSeconds(29));
            Thread.sleep(300); // several watcher polls: 29 s is not yet a stall
            assertEquals(1, launcher.children.size(), "restarted before the stall timeout");
            clock.advance(Duration.ofSeconds(2));
            await().until(() -> launcher.children.size() == 2);
            assertTrue(stuck.terminated, "the stuck Litestream got no SIGTERM");
            List<String> errors = log.messages(Level.ERROR);
            assertEquals(1, errors.size(), errors.toString());
            assertTrue(errors.get(0).contains("neither finished nor failed") && errors.get(0).contains("31000 ms"),
                    errors.get(0));
            assertEquals(1, supervisor.status().resyncCount());
            assertEquals(0, supervisor.status().restartCount());
        }
    }
}
