package dev.litestreamagent.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.litestreamagent.exec.RunResult;
import dev.litestreamagent.supervisor.Clock;
import dev.litestreamagent.testing.FakeClock;
import dev.litestreamagent.testing.Sqlite;
import dev.litestreamagent.verify.VerifyResult.Outcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** verify's proof against fake restores: backoff, deadline, verdicts, its own row and the write lock, without a binary. */
class VerifierTest {
    static final SqliteConnector SQLITE = path -> DriverManager.getConnection("jdbc:sqlite:" + path);
    private static final String OURS = "SELECT count(*) FROM " + JdbcSentinelStore.TABLE;

    /** Restores by producing the output file itself, as if it came from the replica. */
    interface FakeRestore {
        void into(Path out) throws Exception;
    }

    private static RestoreRunner restoring(FakeRestore restore) {
        return (database, out, timeout) -> {
            try {
                restore.into(out);
            } catch (Exception e) {
                throw new java.io.IOException(e);
            }
            Files.write(Path.of(out + ".tmp-wal"), new byte[] {1}); // as the real restore leaves behind
            return new RunResult(0, "", false);
        };
    }

    /** The live file as it is now, every verification row included. */
    private static FakeRestore copyOf(Path db) {
        return out -> {
            try (Connection c = Sqlite.open(db); Statement s = c.createStatement()) {
                s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
            }
            Files.copy(db, out);
        };
    }

    private static Verifier verifier(RestoreRunner restores, Clock clock, Duration timeout) {
        return new Verifier(restores, new JdbcSentinelStore(SQLITE), clock, timeout);
    }

    private static VerifyResult verifyWith(Path db, FakeRestore restore) throws Exception {
        return verifier(restoring(restore), new FakeClock(), Duration.ofSeconds(3)).verify("default", db, () -> true);
    }

    @Test
    void aReplicaThatFailsEveryRestoreIsReportedUnreachableAtTheDeadlineWithGrowingBackoff(@TempDir Path dir) throws Exception {
        Path db = Sqlite.create(dir.resolve("app.db"));
        List<Path> outputs = new ArrayList<>();
        List<Path> restored = new ArrayList<>();
        RestoreRunner failing = (database, out, timeout) -> {
            restored.add(database);
            outputs.add(out);
            return new RunResult(1, "some log line\ncannot fetch generations: connection refused\n", false);
        };
        FakeClock clock = new FakeClock();

        VerifyResult result = verifier(failing, clock, Duration.ofSeconds(3)).verify("default", db, () -> true);

        assertEquals(Outcome.FAILED, result.outcome());
        assertTrue(result.reason().startsWith("replica unreachable: all 5 restores failed; last: exit 1: cannot fetch"
                + " generations: connection refused"), result.reason());
        assertEquals(List.of(200L, 400L, 800L, 1000L, 600L), clock.sleeps.stream().map(Duration::toMillis).toList());
        assertEquals(Duration.ofSeconds(3), result.duration());
        assertEquals(0, Sqlite.queryInt(db, OURS), "the verification row was left behind");
        assertEquals(List.of(db, db, db, db, db), restored);
        assertTrue(outputs.get(0).getParent().getFileName().toString().startsWith("litestream-verify-"), outputs.toString());
        assertEquals("verify-5.db", outputs.get(4).getFileName().toString());
        assertTrue(Files.notExists(outputs.get(0).getParent()), "verify's work directory was left behind");
    }

    @Test
    void withoutAReplicatorItFailsAtOnceWithTheReasonAndWritesNothing(@TempDir Path dir) throws Exception {
        Path db = Sqlite.create(dir.resolve("app.db"));
        long start = System.nanoTime();
        VerifyResult result = verifier((database, out, timeout) -> {
            throw new AssertionError("no restore without a replicator");
        }, Clock.SYSTEM, Duration.ofSeconds(60)).verify("default", db, () -> false);

        assertTrue(System.nanoTime() - start < Duration.ofSeconds(20).toNanos(), "waited for the deadline");
        assertEquals(Outcome.OUT_OF_SYNC, result.outcome());
        assertTrue(result.reason().startsWith("no replicator is running for default (start replicate, or the application"
                + " with the agent)"), result.reason());
        assertEquals(0, Sqlite.queryInt(db, "SELECT count(*) FROM sqlite_master WHERE name = '" + JdbcSentinelStore.TABLE + "'"));
    }

    @Test
    void aRestoredCopyHoldingTheRowIsInSyncAndTheRowIsDeletedAfterwards(@TempDir Path dir) throws Exception {
        Path db = Sqlite.create(dir.resolve("app.db"));
        Instant before = Instant.now();
        VerifyResult result = verifyWith(db, copyOf(db));
        assertEquals(Outcome.IN_SYNC, result.outcome(), result.reason());
        assertEquals("verification row restored, integrity_check ok", result.reason());
        assertTrue(!result.time().isBefore(before) && !result.time().isAfter(Instant.now()), result.time().toString());
        assertEquals(0, Sqlite.queryInt(db, OURS));
    }

    @Test
    void aVerifyRunningDuringAnotherLeavesTheOthersRowAndBothAreInSync(@TempDir Path dir) throws Exception {
        Path db = Sqlite.create(dir.resolve("app.db"));
        List<VerifyResult> inner = new ArrayList<>();
        List<Integer> rowsSeen = new ArrayList<>();
        Verifier[] verifier = new Verifier[1];
        verifier[0] = verifier(restoring(out -> {
            rowsSeen.add(Sqlite.queryInt(db, OURS));
            if (inner.isEmpty()) {
                inner.add(null);
                // A second verification from start to end while the first one waits for its row.
                inner.set(0, verifier[0].verify("default", db, () -> true));
                rowsSeen.add(Sqlite.queryInt(db, OURS));
            }
            copyOf(db).into(out);
        }), new FakeClock(), Duration.ofSeconds(3));

        VerifyResult outer = verifier[0].verify("default", db, () -> true);

        assertEquals(Outcome.IN_SYNC, inner.get(0).outcome(), inner.get(0).reason());
        assertEquals(Outcome.IN_SYNC, outer.outcome(), outer.reason());
        assertEquals(List.of(1, 2, 1), rowsSeen, "rows at the outer restore, the inner restore, after the inner verify");
        assertEquals(0, Sqlite.queryInt(db, OURS));
    }

    @Test
    void thePeersVerificationTablesAreLeftAsTheyWere(@TempDir Path dir) throws Exception {
        Path django = PeerTables.create(dir.resolve("django.db"), PeerTables.DJANGO, PeerTables.DJANGO_ROW);
        Path ruby = PeerTables.create(dir.resolve("ruby.db"), PeerTables.RUBY, PeerTables.RUBY_ROW);
        for (Path db : List.of(django, ruby)) {
            String before = PeerTables.dump(db);
            assertTrue(before.contains("_litestream_verification") && before.lines().count() == 2, before);
            VerifyResult result = verifyWith(db, copyOf(db));
            assertEquals(Outcome.IN_SYNC, result.outcome(), db + ": " + result.reason());
            assertEquals(before, PeerTables.dump(db), db + ": the peer's table changed");
        }
    }

    @Test
    void theWriteWaitsForALockTheApplicationHolds(@TempDir Path dir) throws Exception {
        Path db = Sqlite.create(dir.resolve("app.db"));
        assertEquals(Outcome.IN_SYNC, verifyWith(db, copyOf(db)).outcome(), "a first verify creates the table");
        try (LockHolder holder = LockHolder.hold(db, Duration.ofMillis(700))) {
            VerifyResult result = verifier(restoring(copyOf(db)), Clock.SYSTEM, Duration.ofSeconds(10))
                    .verify("default", db, () -> true);
            assertEquals(Outcome.IN_SYNC, result.outcome(), result.reason());
            assertTrue(holder.released(), "verify wrote while the application held the write lock");
        }
    }

    @Test
    void aWriteLockHeldPastTheDeadlineFailsAtTheDeadline(@TempDir Path dir) throws Exception {
        Path db = Sqlite.create(dir.resolve("app.db"));
        try (LockHolder ignored = LockHolder.hold(db, Duration.ofSeconds(3))) {
            long start = System.nanoTime();
            VerifyResult result = verifier(restoring(copyOf(db)), Clock.SYSTEM, Duration.ofSeconds(1))
                    .verify("default", db, () -> true);
            long seconds = Duration.ofNanos(System.nanoTime() - start).toSeconds();
            assertEquals(Outcome.FAILED, result.outcome());
            assertTrue(result.reason().startsWith("cannot verify: cannot write the verification row within 1.0 s: "),
                    result.reason());
            assertTrue(seconds < 4, "took " + seconds + " s, past the 1 s deadline");
        }
    }

    @Test
    void aRestoredCopyThatIsNotADatabaseIsAnIntegrityFailure(@TempDir Path dir) throws Exception {
        Path db = Sqlite.create(dir.resolve("app.db"));
        VerifyResult result = verifyWith(db, out -> Files.writeString(out, "not a database, only text. ".repeat(200)));
        assertEquals(Outcome.FAILED, result.outcome());
        assertTrue(result.reason().startsWith("integrity failure"), result.reason());
    }

    @Test
    void aTornCopyFollowedByAGoodOneIsInSync(@TempDir Path dir) throws Exception {
        Path db = Sqlite.create(dir.resolve("app.db"));
        int[] restores = {0};
        VerifyResult result = verifyWith(db, out -> {
            if (restores[0]++ == 0) {
                Files.writeString(out, "not a database, only text. ".repeat(200));
                return;
            }
            copyOf(db).into(out);
        });
        assertEquals(Outcome.IN_SYNC, result.outcome(), result.reason());
        assertEquals(2, restores[0]);
    }

    @Test
    void anOldCopyWithoutTheRowIsOutOfSyncAtTheDeadline(@TempDir Path dir) throws Exception {
        Path db = Sqlite.create(dir.resolve("app.db"));
        byte[] before = Files.readAllBytes(Sqlite.create(dir.resolve("old.db")));
        VerifyResult result = verifyWith(db, out -> Files.write(out, before));
        assertEquals(Outcome.OUT_OF_SYNC, result.outcome());
        assertTrue(result.reason().startsWith("row missing at the deadline: the verification row was in none of 5"
                + " restored copies within 3.0 s"), result.reason());
    }

    /** A replica whose uploads land at the given times after the verification starts. */
    private static ReplicaWatch uploadsAt(FakeClock clock, Duration... uploads) {
        long start = clock.nanoTime();
        return () -> Optional.of("uploads:" + Arrays.stream(uploads).filter(u -> clock.nanoTime() - start >= u.toNanos()).count());
    }

    @Test
    void withAWatchItRestoresAsSoonAsTheReplicaChangesAndNotBefore(@TempDir Path dir) throws Exception {
        Path db = Sqlite.create(dir.resolve("app.db"));
        FakeClock clock = new FakeClock();
        List<Long> restoredAt = new ArrayList<>();
        long start = clock.nanoTime();
        RestoreRunner restores = restoring(out -> {
            restoredAt.add(Duration.ofNanos(clock.nanoTime() - start).toMillis());
            copyOf(db).into(out);
        });

        VerifyResult result = new Verifier(restores, new JdbcSentinelStore(SQLITE), clock, Duration.ofSeconds(10),
                uploadsAt(clock, Duration.ofMillis(730))).verify("default", db, () -> true);

        assertEquals(Outcome.IN_SYNC, result.outcome(), result.reason());
        assertEquals(List.of(740L), restoredAt, "one restore, at the first look after the upload (looks every 20 ms)");
    }

    @Test
    void withAWatchAnUploadWithoutTheRowIsFollowedByTheNextOne(@TempDir Path dir) throws Exception {
        Path db = Sqlite.create(dir.resolve("app.db"));
        byte[] old = Files.readAllBytes(Sqlite.create(dir.resolve("old.db")));
        FakeClock clock = new FakeClock();
        int[] restores = {0};
        RestoreRunner replica = restoring(out -> {
            if (restores[0]++ == 0) {
                Files.write(out, old); // the application's upload, from before the row
            } else {
                copyOf(db).into(out);
            }
        });

        VerifyResult result = new Verifier(replica, new JdbcSentinelStore(SQLITE), clock, Duration.ofSeconds(10),
                uploadsAt(clock, Duration.ofMillis(100), Duration.ofMillis(600))).verify("default", db, () -> true);

        assertEquals(Outcome.IN_SYNC, result.outcome(), result.reason());
        assertEquals(2, restores[0]);
        assertEquals(Duration.ofMillis(600), result.duration());
    }

    @Test
    void withAWatchThatSeesNoChangeItStillRestoresOnceASecondUntilTheDeadline(@TempDir Path dir) throws Exception {
        Path db = Sqlite.create(dir.resolve("app.db"));
        byte[] old = Files.readAllBytes(Sqlite.create(dir.resolve("old.db")));
        FakeClock clock = new FakeClock();

        VerifyResult result = new Verifier(restoring(out -> Files.write(out, old)), new JdbcSentinelStore(SQLITE), clock,
                Duration.ofSeconds(3), uploadsAt(clock)).verify("default", db, () -> true);

        assertEquals(Outcome.OUT_OF_SYNC, result.outcome());
        assertTrue(result.reason().startsWith("row missing at the deadline: the verification row was in none of 2"
                + " restored copies within 3.0 s"), result.reason());
    }

    @Test
    void aReplicaWithoutABackupIsOutOfSync(@TempDir Path dir) throws Exception {
        Path db = Sqlite.create(dir.resolve("app.db"));
        VerifyResult result = verifier((database, out, timeout) -> new RunResult(1,
                "no matching backups found\n", false), new FakeClock(), Duration.ofSeconds(3)).verify("default", db, () -> true);
        assertEquals(Outcome.OUT_OF_SYNC, result.outcome());
        assertTrue(result.reason().startsWith("no backup on the replica: the replica answered, but restore found no matching"
                + " backups found"), result.reason());
    }

    @Test
    void aMissingDatabaseFileFailsWithoutCreatingIt(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("gone.db");
        VerifyResult result = verifyWith(missing, out -> {
            throw new AssertionError("no restore of a missing database");
        });
        assertEquals(Outcome.FAILED, result.outcome());
        assertTrue(result.reason().contains("gone.db does not exist"), result.reason());
        assertTrue(Files.notExists(missing));
    }

    @Test
    void jsonIsOneEscapedObject() {
        VerifyResult result = new VerifyResult("default", Path.of("/data/a \"b\".db"), Instant.EPOCH,
                Outcome.OUT_OF_SYNC, "row missing\tat the deadline\n", Duration.ofSeconds(10));
        assertEquals("{\"database\":\"default\",\"path\":\"/data/a \\\"b\\\".db\",\"status\":\"out_of_sync\","
                + "\"reason\":\"row missing\\tat the deadline\\n\",\"seconds\":10.00}", result.toJson());
    }

    /** The application's side: a write transaction held open for a while by another connection. */
    static final class LockHolder implements AutoCloseable {
        private final Thread thread;
        private volatile boolean released;

        private LockHolder(Path db, Duration hold, CountDownLatch locked) {
            thread = new Thread(() -> {
                try (Connection c = Sqlite.open(db); Statement s = c.createStatement()) {
                    s.execute("BEGIN IMMEDIATE");
                    s.execute("INSERT INTO events (body) VALUES ('held')");
                    locked.countDown();
                    Thread.sleep(hold.toMillis());
                    released = true;
                    s.execute("COMMIT");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, "test-lock-holder");
        }

        static LockHolder hold(Path db, Duration hold) throws InterruptedException {
            CountDownLatch locked = new CountDownLatch(1);
            LockHolder holder = new LockHolder(db, hold, locked);
            holder.thread.start();
            locked.await();
            return holder;
        }

        boolean released() {
            return released;
        }

        @Override
        public void close() throws InterruptedException {
            thread.join();
        }
    }
}
