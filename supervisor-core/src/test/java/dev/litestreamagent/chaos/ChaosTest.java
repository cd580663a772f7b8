package dev.litestreamagent.chaos;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.litestreamagent.supervisor.RestartPolicy;
import dev.litestreamagent.supervisor.ResyncPolicy;
import dev.litestreamagent.supervisor.Supervisor;
import dev.litestreamagent.supervisor.SupervisorSettings;
import dev.litestreamagent.supervisor.SupervisorState;
import dev.litestreamagent.supervisor.lock.StateDirectory;
import dev.litestreamagent.testing.HangingRelay;
import dev.litestreamagent.testing.Harness;
import dev.litestreamagent.testing.LitestreamHarness;
import dev.litestreamagent.testing.LogCapture;
import dev.litestreamagent.testing.Processes;
import dev.litestreamagent.testing.ProcessResult;
import dev.litestreamagent.testing.Sqlite;
import dev.litestreamagent.testing.SupervisedWriter;
import dev.litestreamagent.testing.TestBinary;
import dev.litestreamagent.testing.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Faults against the real Litestream v0.3.13 under a real {@link Supervisor}, with S3Proxy (or a
 * file replica) and a writer committing rows. Each scenario asserts what is guaranteed and appends
 * its figures to {@link ChaosResults}; bench/chaos.sh runs only these and writes docs/reliability.md.
 */
@Tag("chaos")
@ExtendWith(LitestreamHarness.class)
class ChaosTest {
    private static final Duration OUTAGE = Duration.ofSeconds(30);
    /** "Within a few seconds of recovery": the resync policy's 5 s max wait, a restart and a sync. */
    private static final Duration RECOVERY = Duration.ofSeconds(10);
    private static final Duration UNWRITABLE = Duration.ofSeconds(10);
    private static final Duration HANG = Duration.ofSeconds(20);
    /** Shorter than the default 60 s so the stuck upload of scenario 5 is seen within its 10 s. */
    private static final Duration STALL_TIMEOUT = Duration.ofSeconds(3);
    private static final Pattern MSG = Pattern.compile("\"msg\":\"([^\"]*)\"");
    private static final Pattern LEVEL = Pattern.compile("\"level\":\"([A-Z]+)\"");

    private final LogCapture supervisorLog = LogCapture.supervisor();

    @AfterEach
    void detachLogCapture() {
        supervisorLog.close();
    }

    @Test
    void litestreamKilledRepeatedlyUnderWriteLoad(Harness harness) throws Exception {
        long began = System.nanoTime();
        Path db = harness.newDatabase("app.db");
        Path config = config(harness, db, harness.s3ReplicaYaml("app"));
        Supervisor supervisor = Supervisor.create(settings(harness, config, db).build());
        int kills = 10;
        List<Integer> committed;
        try (Writer writer = Writer.start(db)) {
            supervisor.start();
            long previous = -1;
            for (int kill = 0; kill < kills; kill++) {
                previous = awaitNewRunning(supervisor, previous);
                Thread.sleep(300); // let it replicate some rows
                ProcessHandle.of(previous).orElseThrow().destroyForcibly(); // SIGKILL
            }
            awaitNewRunning(supervisor, previous);
            Thread.sleep(500);
            committed = writer.stop();
        }
        supervisor.stop();
        int restarts = supervisor.status().restartCount();
        List<Integer> restored = restore(harness, config, db, "restored.db");
        List<Integer> lost = missing(committed, restored);
        int strays = strays(config);
        ChaosResults.record("1. Litestream SIGKILLed " + kills + " times under a writer (S3Proxy)", committed.size(),
                restored.size(), Integer.toString(lost.size()), strays,
                restarts + " restarts; " + logSummary(db), since(began));
        assertTrue(committed.size() > 100, "the writer committed only " + committed.size() + " rows");
        assertEquals(kills, restarts);
        assertEquals(List.of(), lost, "rows committed before the final sync are missing");
        assertEquals(0, strays);
    }

    @Test
    void s3PausedWithASteadyWriter(Harness harness) throws Exception {
        long began = System.nanoTime();
        Path db = harness.newDatabase("app.db");
        Path config = config(harness, db, harness.s3ReplicaYaml("app"));
        Supervisor supervisor = Supervisor.create(settings(harness, config, db).build());
        FaultRun run = steadyWriterThrough(harness, config, db, supervisor, OUTAGE,
                new Fault(harness.s3()::pause, harness.s3()::resume, "S3 returned"));
        run.record("2. S3Proxy down " + OUTAGE.toSeconds() + " s, steady writer", supervisor, db, began);
        assertTrue(run.committed.size() > 300, "the writer committed only " + run.committed.size() + " rows");
        run.assertRecovered();
    }

    @Test
    void writesOnlyDuringAnS3Outage(Harness harness) throws Exception {
        long began = System.nanoTime();
        Path db = harness.newDatabase("app.db");
        Path config = config(harness, db, harness.s3ReplicaYaml("app"));
        Supervisor supervisor = Supervisor.create(settings(harness, config, db).build());
        supervisor.start();
        awaitNewRunning(supervisor, -1);
        Sqlite.insert(db, 1, 5);
        assertTrue(secondsUntilRestored(harness, config, db, 5, Duration.ofSeconds(10)) >= 0, "the first rows never went up");
        harness.s3().pause();
        try {
            for (int id = 6; id <= 15; id++) { // 10 rows during the outage, none after
                Sqlite.insert(db, id, 1);
                Thread.sleep(300);
            }
            Thread.sleep(OUTAGE.toMillis() - 3000);
        } finally {
            harness.s3().resume();
        }
        double seconds = secondsUntilRestored(harness, config, db, 15, RECOVERY);
        int onReplicaAfterRecovery = restore(harness, config, db, "after-recovery.db").size();
        supervisor.stop();
        List<Integer> restored = restore(harness, config, db, "restored.db");
        List<Integer> lost = missing(Sqlite.ids(db), restored);
        int strays = strays(config);
        String reached = seconds < 0
                ? (onReplicaAfterRecovery - 5) + " of 10 outage rows on the replica " + RECOVERY.toSeconds()
                        + " s after S3 returned"
                : String.format("10 of 10 outage rows on the replica %.1f s after S3 returned", seconds);
        ChaosResults.record("3. Writes only during a " + OUTAGE.toSeconds() + " s S3Proxy outage, none after", 15,
                restored.size(), Integer.toString(lost.size()), strays,
                reached + "; " + restarts(supervisor) + "; " + logSummary(db), since(began));
        assertEquals(List.of(), lost, "rows are missing after the final sync");
        assertEquals(0, strays);
        assertTrue(seconds >= 0, reached);
    }

    @Test
    void applicationJvmKilledWithSigkill(Harness harness) throws Exception {
        long began = System.nanoTime();
        Path db = harness.newDatabase("app.db");
        Path config = config(harness, db, harness.s3ReplicaYaml("app"));
        Path committedFile = harness.tempDir().resolve("committed.txt");
        Path out = harness.tempDir().resolve("writer.out");
        Process jvm = new ProcessBuilder(TestBinary.java().toString(), "-cp", System.getProperty("java.class.path"),
                SupervisedWriter.class.getName(), harness.binary().toString(), config.toString(), db.toString(),
                committedFile.toString(), "0").redirectErrorStream(true).redirectOutput(out.toFile()).start();
        try {
            await().atMost(Duration.ofSeconds(30)).failFast("the writer JVM ended: " + out, () -> !jvm.isAlive())
                    .until(() -> Files.readString(out).contains("RUNNING"));
            await().atMost(Duration.ofSeconds(20)).until(() -> lines(committedFile).size() >= 200);
            jvm.destroyForcibly(); // SIGKILL: no shutdown hook runs
            assertTrue(jvm.waitFor(10, TimeUnit.SECONDS));
        } finally {
            jvm.destroyForcibly();
        }
        Thread.sleep(3000);
        int strays = strays(config);
        List<Integer> committed = lines(committedFile);
        List<Integer> restored = restore(harness, config, db, "restored.db");
        List<Integer> lost = missing(committed, restored);
        ChaosResults.record("4. Application JVM killed with SIGKILL (S3Proxy)", committed.size(), restored.size(),
                Integer.toString(lost.size()), strays,
                "strays counted 3 s after the kill; " + logSummary(db), since(began));
        assertEquals(0, strays, "Litestream outlived the JVM");
        assertEquals(List.of(), lost, "rows committed before the kill are missing");
    }

    @Test
    void replicaDirectoryUnwritableForAWhile(Harness harness) throws Exception {
        long began = System.nanoTime();
        Path db = harness.newDatabase("app.db");
        Path replica = harness.tempDir().resolve("replica");
        Files.createDirectories(replica);
        Unwritable lock = Unwritable.forThisUser(harness.tempDir());
        String name = "5. Replica directory unwritable for " + UNWRITABLE.toSeconds() + " s (" + lock + "), steady writer";
        if (!lock.works()) {
            ChaosResults.record(name, 0, 0, "-", 0, "not run: " + lock.whyNot(), since(began));
            Assumptions.abort(lock.whyNot());
        }
        Path config = config(harness, db, Harness.fileReplicaYaml(replica));
        Supervisor supervisor = Supervisor.create(settings(harness, config, db).build());
        FaultRun run = steadyWriterThrough(harness, config, db, supervisor, UNWRITABLE,
                new Fault(() -> lock.apply(replica), () -> lock.lift(replica), "the directory was writable again"));
        run.record(name, supervisor, db, began);
        run.assertRecovered();
    }

    @Test
    void databaseFileDeletedUnderARunningReplicator(Harness harness) throws Exception {
        long began = System.nanoTime();
        Path db = harness.newDatabase("app.db");
        Path config = config(harness, db, harness.s3ReplicaYaml("app"));
        Supervisor supervisor = Supervisor.create(settings(harness, config, db).build());
        List<Integer> committed;
        List<Integer> beforeDelete;
        SupervisorState stateAfter;
        try (Writer writer = Writer.start(db)) {
            supervisor.start();
            awaitNewRunning(supervisor, -1);
            Thread.sleep(2000);
            beforeDelete = new ArrayList<>(writer.committed());
            Files.delete(db);
            Thread.sleep(5000);
            stateAfter = supervisor.status().state();
            committed = writer.stop();
        }
        supervisor.stop();
        int strays = strays(config);
        ProcessResult restore = harness.litestream("restore", "-config", config.toString(), "-o",
                harness.tempDir().resolve("restored.db").toString(), db.toString());
        List<Integer> restored = restore.exitCode() == 0 ? Sqlite.ids(harness.tempDir().resolve("restored.db")) : List.of();
        // rows committed a second before the delete had had several syncs (sync-interval 200 ms)
        List<Integer> synced = beforeDelete.subList(0, Math.max(0, beforeDelete.size() - 50));
        List<Integer> lost = missing(synced, restored);
        ChaosResults.record("6. Database file deleted under a running replicator (S3Proxy)", committed.size(),
                restored.size(), lost.size() + " of " + synced.size() + " committed >1 s before the delete", strays,
                "supervisor " + stateAfter + " 5 s later, " + restarts(supervisor) + "; writer "
                        + (committed.size() > beforeDelete.size() ? "kept committing to the unlinked file" : "stopped")
                        + "; restore exit " + restore.exitCode() + "; " + logSummary(db), since(began));
        assertNotEquals(SupervisorState.FAILED, stateAfter, "the supervisor gave up");
        assertEquals(0, strays);
        assertEquals(List.of(), lost, "rows synced before the delete are missing from the replica");
    }

    @Test
    void s3EndpointHangsWithASteadyWriter(Harness harness) throws Exception {
        long began = System.nanoTime();
        Path db = harness.newDatabase("app.db");
        try (HangingRelay relay = HangingRelay.to(harness.s3().port())) {
            Path config = config(harness, db, harness.s3ReplicaYaml("app", relay.endpoint()));
            Supervisor supervisor = Supervisor.create(settings(harness, config, db).build());
            FaultRun run = steadyWriterThrough(harness, config, db, supervisor, HANG,
                    new Fault(relay::hang, relay::release, "the endpoint answered again"));
            run.record("7. S3 endpoint accepts but never answers for " + HANG.toSeconds() + " s, steady writer",
                    supervisor, db, began);
            run.assertRecovered();
        }
    }

    // ---- helpers

    /** Something that goes wrong for a while under a steady writer, and how its end is called in the results. */
    private static final class Fault {
        final Step begin;
        final Step end;
        final String ended;

        Fault(Step begin, Step end, String ended) {
            this.begin = begin;
            this.end = end;
            this.ended = ended;
        }
    }

    private interface Step {
        void run() throws Exception;
    }

    /**
     * A writer commits throughout; the fault lasts {@code length}; then how long until the last row
     * committed during the fault is on the replica, and whether rows committed 6 s later get there
     * too (a replaced Litestream must go on, not only its predecessor's final sync); then the stop.
     */
    private FaultRun steadyWriterThrough(Harness harness, Path config, Path db, Supervisor supervisor,
            Duration length, Fault fault) throws Exception {
        FaultRun run = new FaultRun(fault.ended);
        try (Writer writer = Writer.start(db)) {
            supervisor.start();
            awaitNewRunning(supervisor, -1);
            Thread.sleep(2000);
            fault.begin.run();
            try {
                Thread.sleep(length.toMillis());
            } finally {
                fault.end.run();
            }
            run.catchUpSeconds = secondsUntilRestored(harness, config, db, writer.last(), RECOVERY);
            Thread.sleep(6000);
            run.keptReplicating = secondsUntilRestored(harness, config, db, writer.last(), RECOVERY) >= 0;
            run.committed = writer.stop();
        }
        supervisor.stop();
        List<Integer> restored = restore(harness, config, db, "restored.db");
        run.lost = missing(run.committed, restored);
        run.restoredCount = restored.size();
        run.strays = strays(config);
        return run;
    }

    /** The figures of {@link #steadyWriterThrough}. */
    private final class FaultRun {
        final String ended;
        List<Integer> committed;
        List<Integer> lost;
        int restoredCount;
        int strays;
        double catchUpSeconds;
        boolean keptReplicating;

        FaultRun(String ended) {
            this.ended = ended;
        }

        String caughtUp() {
            return catchUpSeconds < 0 ? "not caught up " + RECOVERY.toSeconds() + " s after " + ended
                    : String.format("caught up %.1f s after %s", catchUpSeconds, ended);
        }

        void record(String scenario, Supervisor supervisor, Path db, long began) throws Exception {
            ChaosResults.record(scenario, committed.size(), restoredCount, Integer.toString(lost.size()), strays,
                    caughtUp() + (keptReplicating ? ", then kept replicating" : ", then stuck again") + "; "
                            + restarts(supervisor) + "; " + logSummary(db), since(began));
        }

        void assertRecovered() {
            assertEquals(List.of(), lost, "rows committed before the final sync are missing");
            assertEquals(0, strays);
            assertTrue(catchUpSeconds >= 0, caughtUp());
            assertTrue(keptReplicating, "rows written 6 s after the catch-up did not reach the replica");
        }
    }

    /** JSON logs (levels for the supervisor), monitor every 100 ms, sync every 200 ms. */
    private static Path config(Harness harness, Path db, String replicaYaml) throws Exception {
        Path config = harness.tempDir().resolve("litestream.yml");
        Files.writeString(config, "logging:\n  type: json\ndbs:\n  - path: " + db + "\n    monitor-interval: 100ms\n"
                + "    replicas:\n" + replicaYaml + "        sync-interval: 200ms\n");
        return config;
    }

    private static SupervisorSettings.Builder settings(Harness harness, Path config, Path db) {
        return SupervisorSettings.builder().name("chaos-" + harness.tempDir().getFileName()).binary(harness.binary())
                .configFile(config).databases(List.of(db)).stopTimeout(Duration.ofSeconds(20))
                .logMarkers(TestBinary.LOG_MARKERS)
                .resyncPolicy(ResyncPolicy.of(Duration.ofSeconds(3), Duration.ofSeconds(5), STALL_TIMEOUT))
                .restartPolicy(RestartPolicy.builder().initialDelay(Duration.ofMillis(50))
                        .maxDelay(Duration.ofMillis(500)).minUptime(Duration.ofMillis(200)).build());
    }

    /** Waits until a Litestream other than {@code previous} is up and returns its pid. */
    private static long awaitNewRunning(Supervisor supervisor, long previous) {
        await().atMost(Duration.ofSeconds(15)).until(() -> supervisor.status().state() == SupervisorState.RUNNING
                && supervisor.status().pid().orElse(previous) != previous);
        return supervisor.status().pid().getAsLong();
    }

    /** Seconds until a restore holds row {@code id}, polling; -1 when it did not within {@code limit}. */
    private static double secondsUntilRestored(Harness harness, Path config, Path db, int id, Duration limit)
            throws Exception {
        long start = System.nanoTime();
        for (int attempt = 0; System.nanoTime() - start < limit.toNanos(); attempt++) {
            Path target = harness.tempDir().resolve("probe-" + attempt + ".db");
            ProcessResult result = harness.litestream("restore", "-config", config.toString(), "-o", target.toString(),
                    db.toString());
            if (result.exitCode() == 0 && Sqlite.ids(target).contains(id)) {
                return (System.nanoTime() - start) / 1e9;
            }
            Thread.sleep(250);
        }
        return -1;
    }

    private static List<Integer> restore(Harness harness, Path config, Path db, String name) throws Exception {
        return Sqlite.ids(harness.restore(config, db, harness.tempDir().resolve(name)));
    }

    /** Litestream processes for this config, and -exec tails watching this JVM, still alive. */
    private static int strays(Path config) {
        return Processes.withArgument(config.toString()).size()
                + Processes.withArgument("--pid=" + ProcessHandle.current().pid()).size();
    }

    /** What Litestream (its log in the state directory) and the supervisor said at WARN and ERROR, counted. */
    private String logSummary(Path db) throws Exception {
        Map<String, Integer> supervisor = supervisorLog.warningsAndErrors(8);
        return litestreamLogSummary(db) + (supervisor.isEmpty() ? "" : "; the supervisor logged " + counted(supervisor));
    }

    private static String litestreamLogSummary(Path db) throws Exception {
        Path log = StateDirectory.of(db).logFile();
        if (!Files.exists(log)) {
            return "no Litestream log";
        }
        Map<String, Integer> counts = new TreeMap<>();
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            Matcher level = LEVEL.matcher(line);
            Matcher msg = MSG.matcher(line);
            if (level.find() && msg.find() && (level.group(1).equals("ERROR") || level.group(1).equals("WARN"))) {
                counts.merge(level.group(1) + " '" + msg.group(1) + "'", 1, Integer::sum);
            }
        }
        if (counts.isEmpty()) {
            return "Litestream logged no errors";
        }
        return "Litestream logged " + counted(counts);
    }

    private static String counted(Map<String, Integer> counts) {
        return counts.entrySet().stream().map(e -> e.getKey() + " x" + e.getValue()).collect(Collectors.joining(", "));
    }

    private static String restarts(Supervisor supervisor) {
        return supervisor.status().restartCount() + " crash restarts, " + supervisor.status().resyncCount()
                + " resync restarts";
    }

    private static List<Integer> lines(Path file) throws Exception {
        if (!Files.exists(file)) {
            return List.of();
        }
        return Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(l -> !l.isEmpty())
                .map(Integer::valueOf).collect(Collectors.toList());
    }

    private static List<Integer> missing(List<Integer> expected, List<Integer> actual) {
        List<Integer> missing = new ArrayList<>(expected);
        missing.removeAll(new java.util.HashSet<>(actual));
        return missing;
    }

    private static Duration since(long nanos) {
        return Duration.ofNanos(System.nanoTime() - nanos);
    }
}
