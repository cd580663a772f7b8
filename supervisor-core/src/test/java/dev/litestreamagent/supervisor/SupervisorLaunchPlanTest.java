package dev.litestreamagent.supervisor;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.litestreamagent.testing.FakeClock;
import dev.litestreamagent.testing.TestBinary;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Databases held back until ready: waiting, adding one by a planned restart, and adding one at the final stop. */
class SupervisorLaunchPlanTest {
    @TempDir
    Path dir;

    private final FakeClock clock = new FakeClock();
    private final FakeLauncher launcher = new FakeLauncher(clock);

    /** A plan whose ready databases the test sets; at the final stop, {@code atFinalStop} count as ready too. */
    private static final class Plan implements LaunchPlan {
        final List<Path> ready = new CopyOnWriteArrayList<>();
        final List<Path> atFinalStop = new CopyOnWriteArrayList<>();
        final List<List<Path>> prepared = new CopyOnWriteArrayList<>();

        @Override
        public List<Path> prepare() {
            List<Path> now = new ArrayList<>(ready);
            prepared.add(now);
            return now;
        }

        @Override
        public boolean changed(boolean finalStop) {
            if (finalStop) {
                ready.addAll(atFinalStop);
                atFinalStop.clear();
            }
            return ready.size() > (prepared.isEmpty() ? 0 : prepared.get(prepared.size() - 1).size());
        }
    }

    private Supervisor supervisor(Plan plan) {
        return new Supervisor(settings(plan).build(), launcher, clock, () -> 0);
    }

    private SupervisorSettings.Builder settings(Plan plan) {
        return SupervisorSettings.builder().name("plan").binary(dir.resolve("litestream"))
                .configFile(dir.resolve("c.yml")).databases(List.of(dir.resolve("a.db"), dir.resolve("b.db")))
                .startGrace(Duration.ZERO).stopTimeout(Duration.ofSeconds(5)).logMarkers(TestBinary.LOG_MARKERS)
                .launchPlan(plan);
    }

    private static void initialized(FakeLauncher.FakeChild child, int databases) throws Exception {
        for (int i = 0; i < databases; i++) {
            child.print("{\"level\":\"INFO\",\"msg\":\"initialized db\",\"path\":\"db" + i + "\"}");
        }
    }

    @Test
    void noLitestreamRunsUntilADatabaseIsReady() throws Exception {
        Plan plan = new Plan();
        try (Supervisor supervisor = supervisor(plan)) {
            supervisor.start();
            assertEquals(SupervisorState.WAITING, supervisor.status().state());
            clock.advance(Duration.ofSeconds(30));
            assertEquals(0, launcher.children.size());

            plan.ready.add(dir.resolve("a.db"));
            await().until(() -> launcher.children.size() == 1);
            assertEquals(List.of(dir.resolve("a.db")), plan.prepared.get(plan.prepared.size() - 1));
        }
    }

    @Test
    void aDatabaseThatBecomesReadyIsAddedByAPlannedRestartOnceTheRunningLitestreamIsUp() throws Exception {
        Plan plan = new Plan();
        plan.ready.add(dir.resolve("a.db"));
        try (Supervisor supervisor = supervisor(plan)) {
            supervisor.start();
            FakeLauncher.FakeChild first = launcher.children.get(0);
            plan.ready.add(dir.resolve("b.db"));
            initialized(first, 1);

            await().until(() -> launcher.children.size() == 2);
            assertTrue(first.terminated, "the first Litestream got SIGTERM: its final sync");
            assertEquals(List.of(dir.resolve("a.db"), dir.resolve("b.db")), plan.prepared.get(plan.prepared.size() - 1));
            assertEquals(0, supervisor.status().restartCount(), "a planned restart is no crash");
        }
    }

    @Test
    void aPlannedRestartForANewDatabaseWaitsUntilTheRunningLitestreamHasFinishedOpeningItsOwn() throws Exception {
        Plan plan = new Plan();
        plan.ready.add(dir.resolve("a.db"));
        try (Supervisor supervisor = new Supervisor(settings(plan).startGrace(Duration.ofSeconds(3)).build(), launcher,
                clock, () -> 0)) {
            supervisor.start();
            FakeLauncher.FakeChild first = launcher.children.get(0);
            plan.ready.add(dir.resolve("b.db"));
            long printed = System.nanoTime();
            initialized(first, 1);

            await().until(() -> launcher.children.size() == 2);
            // Without /proc, "finished opening" is its initialized lines plus 500 ms (Attempt): a SIGTERM while
            // Litestream 0.3 still opens a database ends it with exit 1, no final sync and a new generation.
            long waited = Duration.ofNanos(first.terminatedAtNanos - printed).toMillis();
            assertTrue(waited >= 500, "SIGTERM " + waited + " ms after the up line");
            assertEquals(List.of(dir.resolve("a.db"), dir.resolve("b.db")), plan.prepared.get(plan.prepared.size() - 1));
        }
    }

    @Test
    void aDatabaseWithDataAtTheFinalStopGetsAFinalSyncToo() throws Exception {
        Plan plan = new Plan();
        plan.ready.add(dir.resolve("a.db"));
        plan.atFinalStop.add(dir.resolve("b.db")); // created and written just before the JVM exits
        Supervisor supervisor = supervisor(plan);
        supervisor.start();
        FakeLauncher.FakeChild first = launcher.children.get(0);
        initialized(first, 1);
        await().until(() -> supervisor.status().state() == SupervisorState.RUNNING);

        supervisor.stop();

        assertEquals(2, launcher.children.size());
        assertTrue(first.terminated);
        assertTrue(launcher.children.get(1).terminated, "the Litestream with both databases did the final sync");
        assertEquals(List.of(dir.resolve("a.db"), dir.resolve("b.db")), plan.prepared.get(1));
        assertEquals(SupervisorState.STOPPED, supervisor.status().state());
    }

    @Test
    void aFinalStopWhileWaitingStartsLitestreamForTheDatabaseThatHasData() throws Exception {
        Plan plan = new Plan();
        plan.atFinalStop.add(dir.resolve("a.db"));
        Supervisor supervisor = supervisor(plan);
        supervisor.start();
        assertEquals(SupervisorState.WAITING, supervisor.status().state());

        supervisor.stop();

        assertEquals(1, launcher.children.size());
        assertTrue(launcher.children.get(0).terminated);
    }

    @Test
    void aFinalStopWithNoLitestreamRunningStartsOneForTheFinalSync() throws Exception {
        Plan plan = new Plan();
        plan.ready.add(dir.resolve("a.db"));
        launcher.thenExit(Duration.ofMillis(10), 1); // crashes at once, and the policy gives up at once
        Supervisor supervisor = new Supervisor(settings(plan).restartPolicy(RestartPolicy.builder().crashLoopCount(1)
                .giveUpOnCrashLoop(true).build()).build(), launcher, clock, () -> 0);
        supervisor.start();
        await().until(() -> supervisor.status().state() == SupervisorState.FAILED);

        supervisor.stop();

        assertEquals(2, launcher.children.size(), "a Litestream launched for the final sync");
        assertTrue(launcher.children.get(1).terminated);
    }
}
