package dev.litestreamagent.e2e;

import dev.litestreamagent.testing.Harness;
import dev.litestreamagent.testing.ProcessResult;
import dev.litestreamagent.testing.Sqlite;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Stops of one application on one database, one after another, as restarts of a service are:
 * a first run creates the database and its replica, then each stop starts the application on
 * that existing database, stops it in the scenario's way at a random moment once Litestream
 * runs, and restores the replica with the CLI ({@code restore -o OUT app}) to find every ACKed row.
 */
final class StopSequence {
    private static final String ALIAS = "app";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
    /** The agent's default stop timeout (20 s) and a Spring graceful shutdown fit well within. */
    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(90);
    /** A JVM that stopped gracefully waited for Litestream's final sync: nothing of the run may remain. */
    private static final Duration LEFTOVER_WAIT = Duration.ofSeconds(3);
    /**
     * A SIGKILLed JVM cannot wait: Litestream learns of its death from its -exec command (a tail that
     * polls each second, then a wait for Litestream's first sync if it has had none) and only then
     * does its final sync, at the replica's speed (a full snapshot after the previous kill's new
     * generation took over 2 s on S3Proxy in CI). It must end by itself within the bound the agent
     * gives any final sync, the default stop timeout.
     */
    private static final Duration LEFTOVER_WAIT_AFTER_KILL = Duration.ofSeconds(20);
    /** Generous: the hung-hook check is about Litestream being gone at all, not about its speed. */
    private static final Duration HUNG_MARGIN = Duration.ofSeconds(6);

    private final StopApp app;
    private final Path dir;
    private final Path db;
    private final Random random;
    private int runs;

    private StopSequence(StopApp app, Path dir, long seed) {
        this.app = app;
        this.dir = dir;
        this.db = dir.resolve("data/app.db");
        this.random = new Random(seed);
    }

    /**
     * Writes the configuration into {@code dir} (where the CLI finds it) and runs the application
     * once to its end, to leave a database and a replica for the stops.
     */
    static StopSequence prepare(Harness harness, StopApp app, ReplicaKind replica, Path dir, long seed) throws Exception {
        StopSequence sequence = new StopSequence(app, dir, seed);
        List<String> properties = new ArrayList<>(List.of(
                "litestream.bin-path=" + harness.binary(),
                "litestream.dbs." + ALIAS + ".url=jdbc:sqlite:" + sequence.db));
        properties.addAll(replica.properties(harness, dir, "litestream.dbs." + ALIAS + ".replica."));
        Files.createDirectories(dir);
        Files.write(dir.resolve("litestream.properties"), properties, StandardCharsets.UTF_8);
        // The generated Litestream config lands in the JVM's temp dir: in this folder, to tell this run's processes.
        Files.createDirectories(dir.resolve("tmp"));

        ProcessResult first = ProcessResult.run(sequence.command(app.firstRun(sequence.db), List.of()),
                Map.of(), dir, READY_TIMEOUT.getSeconds());
        if (first.exitCode() != 0) {
            throw new AssertionError("the first run, which creates the database, failed: " + first);
        }
        return sequence;
    }

    StopOutcome stop(StopScenario scenario) throws Exception {
        int run = ++runs;
        Path log = dir.resolve("run-" + run + ".log");
        List<String> appArgs = new ArrayList<>(app.service(db));
        appArgs.addAll(scenario.extraAppArgs(RunningJvm.exitTrigger(log)));
        try (RunningJvm jvm = scenario.launch().start(command(appArgs, scenario.jvmArgs()), dir, log, "run" + run)) {
            if (!scenario.inFirstSecond()) {
                jvm.awaitOutput(app.readyMarker(), READY_TIMEOUT);
            }
            awaitLitestream(jvm);
            String problem;
            try (AutoCloseable clients = app.clients(jvm)) {
                // Within Litestream's first second (before its first sync), or past its start-up and
                // then anywhere in 2 s of writes.
                Thread.sleep(scenario.inFirstSecond() ? random.nextInt(900) : 1500 + random.nextInt(2000));
                problem = stopAndAwaitExit(scenario, jvm);
            }
            List<Long> leftovers = awaitNoLitestream(scenario.stop() == Stop.SIGKILL ? LEFTOVER_WAIT_AFTER_KILL
                    : LEFTOVER_WAIT);
            leftovers.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));

            List<Long> acked = jvm.acked();
            Path restored = dir.resolve("restored-" + run + ".db");
            ProcessResult restore = AgentProcess.cli(dir, Map.of(), "restore", "-o", restored.toString(), ALIAS);
            List<Long> missing = new ArrayList<>();
            if (restore.exitCode() != 0) {
                problem = (problem == null ? "" : problem + "; ") + "the CLI's restore failed: " + restore;
                missing.addAll(acked);
            } else {
                Set<Long> present = new HashSet<>();
                Sqlite.ids(restored, app.table()).forEach(id -> present.add(id.longValue()));
                acked.stream().filter(id -> !present.contains(id)).sorted().forEach(missing::add);
            }
            String tail = missing.isEmpty() ? jvm.tail(30) : jvm.tail(30) + "\nLitestream's own log:\n" + litestreamLog();
            return new StopOutcome(scenario, run, acked.size(), missing, leftovers, problem, tail);
        }
    }

    /** The last lines of the run's Litestream log (it outlives a killed JVM, whose output it no longer reaches). */
    private String litestreamLog() throws java.io.IOException {
        Path log = db.resolveSibling("." + db.getFileName() + "-litestream-agent").resolve("litestream.log");
        if (!Files.exists(log)) {
            return "(none at " + log + ")";
        }
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }

    /** Stops the JVM in the scenario's way and waits for it; what went wrong, or null. */
    private String stopAndAwaitExit(StopScenario scenario, RunningJvm jvm) throws Exception {
        long signalled = System.nanoTime();
        scenario.stop().send(jvm);
        String problem = null;
        if (scenario.hungHook()) {
            Duration limit = StopScenario.HUNG_STOP_TIMEOUT.plus(HUNG_MARGIN);
            if (!awaitNoLitestream(limit.minusNanos(System.nanoTime() - signalled)).isEmpty()) {
                problem = "Litestream still ran " + limit.toSeconds() + " s after the signal, with a stop timeout of "
                        + StopScenario.HUNG_STOP_TIMEOUT.toSeconds() + " s and the application's hook hung";
            }
            jvm.kill(); // the hook never returns: the JVM would wait for ever
            jvm.awaitExit(EXIT_TIMEOUT);
        } else if (!jvm.awaitExit(EXIT_TIMEOUT)) {
            problem = "the JVM did not exit within " + EXIT_TIMEOUT.toSeconds() + " s of " + scenario.stop();
            jvm.kill();
            jvm.awaitExit(EXIT_TIMEOUT);
        }
        return problem;
    }

    /** Waits for the run's Litestream: the agent starts it beside the application. */
    private void awaitLitestream(RunningJvm jvm) throws Exception {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (LitestreamProcesses.ofRun(dir).isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the agent started no Litestream within " + READY_TIMEOUT.toSeconds() + " s:\n"
                        + jvm.tail(40));
            }
            Thread.sleep(50);
        }
    }

    /** The run's Litestream processes still alive once {@code wait} has passed (none: returns as soon as they are gone). */
    private List<Long> awaitNoLitestream(Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + Math.max(0, wait.toNanos());
        List<Long> alive = LitestreamProcesses.ofRun(dir);
        while (!alive.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
            alive = LitestreamProcesses.ofRun(dir);
        }
        return alive;
    }

    private List<String> command(List<String> appArgs, List<String> jvmArgs) {
        List<String> all = new ArrayList<>(List.of("-XX:TieredStopAtLevel=1", "-Djava.io.tmpdir=" + dir.resolve("tmp")));
        all.addAll(jvmArgs);
        return AgentProcess.appUnderAgent("config=" + dir.resolve("litestream.properties"), all, app.jar(),
                appArgs.toArray(new String[0]));
    }
}
