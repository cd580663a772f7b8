package dev.litestreamagent.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.litestreamagent.exec.Output;
import dev.litestreamagent.exec.ProcessRunner;
import dev.litestreamagent.exec.ProcessSpec;
import dev.litestreamagent.exec.RunResult;
import dev.litestreamagent.exec.SystemProcessLauncher;
import dev.litestreamagent.replica.FileReplicaWatch;
import dev.litestreamagent.supervisor.Clock;
import dev.litestreamagent.testing.Harness;
import dev.litestreamagent.testing.LitestreamHarness;
import dev.litestreamagent.testing.Soak;
import dev.litestreamagent.testing.Sqlite;
import dev.litestreamagent.verify.VerifyResult.Outcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** verify against the real Litestream v0.3.13 replicating to a file replica, on idle and on busy databases. */
@ExtendWith(LitestreamHarness.class)
class VerifierLitestreamTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** Verifies in a row under the writers: 20 in .ci/run's soak step (issue 16's figure), 5 otherwise. */
    private static final int IN_A_ROW = Soak.repeats(5, 20);

    private Process replicator;

    @AfterEach
    void stopReplicator() throws InterruptedException {
        if (replicator != null) {
            replicator.destroy();
            if (!replicator.waitFor(30, TimeUnit.SECONDS)) {
                replicator.destroyForcibly().waitFor();
            }
        }
    }

    @Test
    void underFourWritersCommittingAsFastAsTheyCanEveryVerifyIsInSyncInTurnAndAtOnce(Harness harness) throws Exception {
        Path db = harness.newDatabase("app.db");
        Path config = replicate(harness, db);
        Verifier verifier = verifier(harness, config);
        try (Writers writers = Writers.start(db, 4)) {
            Thread.sleep(1000); // a WAL growing as fast as the writers can make it
            List<Duration> durations = new ArrayList<>();
            for (int i = 0; i < IN_A_ROW; i++) {
                VerifyResult result = verifier.verify("app", db, () -> true);
                assertEquals(Outcome.IN_SYNC, result.outcome(), "verify " + (i + 1) + " of " + IN_A_ROW + ": " + result.toText());
                durations.add(result.duration());
            }
            ExecutorService pool = Executors.newFixedThreadPool(6);
            try {
                List<Future<VerifyResult>> concurrent = new ArrayList<>();
                for (int i = 0; i < 6; i++) {
                    concurrent.add(pool.submit(() -> verifier.verify("app", db, () -> true)));
                }
                for (Future<VerifyResult> pending : concurrent) {
                    VerifyResult result = pending.get();
                    assertEquals(Outcome.IN_SYNC, result.outcome(), "a concurrent verify: " + result.toText());
                }
            } finally {
                pool.shutdownNow();
            }
            writers.assertWrote();
            System.out.printf("verify under 4 writers (%d commits/s, %d busy): median %.2f s of %d %s%n", writers.commitsPerSecond(),
                    writers.busy.get(), seconds(median(durations)), IN_A_ROW, durations.stream().map(d -> String.format("%.2f", seconds(d))).toList());
        }
        assertEquals(0, Sqlite.queryInt(db, "SELECT count(*) FROM " + JdbcSentinelStore.TABLE), "verification rows left");
    }

    @Test
    void aDatabaseHoldingAPeersVerificationTableIsVerifiedAndTheirTableLeftAlone(Harness harness) throws Exception {
        Path django = PeerTables.create(harness.tempDir().resolve("django.db"), PeerTables.DJANGO, PeerTables.DJANGO_ROW);
        Path ruby = PeerTables.create(harness.tempDir().resolve("ruby.db"), PeerTables.RUBY, PeerTables.RUBY_ROW);
        Path config = replicate(harness, django, ruby);
        Verifier verifier = verifier(harness, config);
        for (Path db : List.of(django, ruby)) {
            String before = PeerTables.dump(db);
            VerifyResult result = verifier.verify(db.getFileName().toString(), db, () -> true);
            assertEquals(Outcome.IN_SYNC, result.outcome(), result.toText());
            assertEquals(before, PeerTables.dump(db), db + ": the peer's table changed");
        }
    }

    @Test
    void anIdleDatabaseIsInSyncWithinAboutTheSyncInterval(Harness harness) throws Exception {
        Path db = harness.newDatabase("idle.db");
        Sqlite.insert(db, 1, 10);
        Verifier verifier = verifier(harness, replicate(harness, db));
        List<Duration> durations = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            VerifyResult result = verifier.verify("idle", db, () -> true);
            assertEquals(Outcome.IN_SYNC, result.outcome(), result.toText());
            durations.add(result.duration());
        }
        System.out.printf("verify in sync, idle database, in-process: median %.2f s of 9 %s%n", seconds(median(durations)),
                durations.stream().map(d -> String.format("%.2f", seconds(d))).toList());
        assertTrue(median(durations).compareTo(Duration.ofSeconds(5)) < 0, "median " + median(durations));
    }

    @Test
    void withItsFileReplicaWatchedAVerifyRestoresOnceTheRowIsUploaded(Harness harness) throws Exception {
        Path db = harness.newDatabase("watched.db");
        Sqlite.insert(db, 1, 10);
        Path config = replicate(harness, db);
        AtomicInteger restores = new AtomicInteger();
        RestoreRunner counted = (database, output, timeout) -> {
            restores.incrementAndGet();
            return restore(harness.binary(), config, database, output, timeout);
        };
        ReplicaWatch watch = FileReplicaWatch.of(Map.of("type", "file",
                "path", harness.tempDir().resolve(db.getFileName() + "-replica").toString()), Map.of());
        Verifier verifier = new Verifier(counted, new JdbcSentinelStore(VerifierTest.SQLITE), Clock.SYSTEM, TIMEOUT, watch);
        List<Integer> perVerify = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            restores.set(0);
            VerifyResult result = verifier.verify("watched", db, () -> true);
            assertEquals(Outcome.IN_SYNC, result.outcome(), result.toText());
            perVerify.add(restores.get());
        }
        // One restore, after the upload; two when the previous verify's delete was uploaded just after this one looked.
        assertTrue(perVerify.stream().allMatch(n -> n <= 2), "restores per verify: " + perVerify);
    }

    // --- helpers ---

    private Path replicate(Harness harness, Path... databases) throws Exception {
        StringBuilder yaml = new StringBuilder("dbs:\n");
        for (Path db : databases) {
            yaml.append("  - path: ").append(db).append("\n    replicas:\n")
                    .append(Harness.fileReplicaYaml(harness.tempDir().resolve(db.getFileName() + "-replica")));
        }
        Path config = harness.tempDir().resolve("litestream.yml");
        Files.writeString(config, yaml);
        Path log = harness.tempDir().resolve("replicate.log");
        replicator = new ProcessBuilder(harness.binary().toString(), "replicate", "-config", config.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (Files.readString(log).split("replicating to", -1).length <= databases.length) {
            if (System.nanoTime() > deadline || !replicator.isAlive()) {
                throw new AssertionError("litestream replicate did not start:\n" + Files.readString(log));
            }
            Thread.sleep(20);
        }
        return config;
    }

    private static Verifier verifier(Harness harness, Path config) {
        RestoreRunner restores = (database, output, timeout) -> restore(harness.binary(), config, database, output, timeout);
        return new Verifier(restores, new JdbcSentinelStore(VerifierTest.SQLITE), Clock.SYSTEM, TIMEOUT);
    }

    private static RunResult restore(Path binary, Path config, Path database, Path output, Duration timeout)
            throws IOException, InterruptedException {
        return new ProcessRunner(new SystemProcessLauncher()).run(ProcessSpec.of(List.of(binary.toString(), "restore",
                "-config", config.toString(), "-o", output.toString(), database.toString()), Output.captured()), timeout);
    }

    private static Duration median(List<Duration> durations) {
        List<Duration> sorted = new ArrayList<>(durations);
        sorted.sort(null);
        return sorted.get(sorted.size() / 2);
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }

    /** Threads committing one row per transaction (autocommit) as fast as they can. */
    private static final class Writers implements AutoCloseable {
        private final List<Thread> threads = new ArrayList<>();
        private static final int SQLITE_BUSY = 5;
        private final AtomicLong commits = new AtomicLong();
        private final AtomicLong busy = new AtomicLong();
        private final AtomicReference<Exception> failure = new AtomicReference<>();
        private final long start = System.nanoTime();

        static Writers start(Path db, int count) {
            Writers writers = new Writers();
            for (int i = 0; i < count; i++) {
                Thread thread = new Thread(() -> writers.write(db), "test-writer-" + i);
                writers.threads.add(thread);
                thread.start();
            }
            return writers;
        }

        private void write(Path db) {
            try (Connection connection = Sqlite.open(db);
                    PreparedStatement insert = connection.prepareStatement("INSERT INTO events (body) VALUES (?)")) {
                while (!Thread.currentThread().isInterrupted()) {
                    insert.setString(1, "event from " + Thread.currentThread().getName());
                    try {
                        insert.executeUpdate();
                        commits.incrementAndGet();
                    } catch (SQLException e) {
                        // SQLite's lock is not fair: among four writers at full speed one may wait past its busy timeout.
                        if (e.getErrorCode() != SQLITE_BUSY) {
                            throw e;
                        }
                        busy.incrementAndGet();
                    }
                }
            } catch (Exception e) {
                failure.compareAndSet(null, e);
            }
        }

        long commitsPerSecond() {
            return commits.get() * 1_000_000_000L / (System.nanoTime() - start);
        }

        /** The load was real: every writer still running and committing. */
        void assertWrote() {
            assertEquals(null, failure.get(), "a writer failed");
            assertTrue(commitsPerSecond() > 50, commitsPerSecond() + " commits/s");
        }

        @Override
        public void close() throws InterruptedException {
            threads.forEach(Thread::interrupt);
            for (Thread thread : threads) {
                thread.join();
            }
        }
    }
}
