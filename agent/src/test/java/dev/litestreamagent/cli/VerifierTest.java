package dev.litestreamagent.cli;

import dev.litestreamagent.supervisor.Clock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.litestreamagent.testing.Sqlite;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** verify's polling against a fake clock: backoff, deadline and the unreachable verdict, without sleeping. */
class VerifierTest {

    /** Advances only when verify sleeps or a restore "takes" time. */
    static final class FakeClock implements Clock {
        long now;
        final List<Duration> sleeps = new ArrayList<>();

        @Override
        public long nanoTime() {
            return now;
        }

        @Override
        public void sleep(Duration duration) {
            sleeps.add(duration);
            now += duration.toNanos();
        }
    }

    @Test
    void aReplicaThatFailsEveryRestoreIsReportedUnreachableAtTheDeadlineWithGrowingBackoff(@TempDir Path dir) throws Exception {
        Path db = Sqlite.create(dir.resolve("app.db"));
        FakeContext context = new FakeContext("v0.3.13");
        context.databases.clear();
        context.databases.add(new DatabaseRef("default", db));
        context.replicatorRunning = false;
        context.verifyTimeout = Duration.ofSeconds(3);
        RecordingLauncher launcher = new RecordingLauncher();
        launcher.captured = new Launcher.Captured(1, "some log line\ncannot fetch generations: connection refused\n", false);
        FakeClock clock = new FakeClock();

        VerifyResult result = new Verifier(context, new LitestreamRunner(context, launcher), IsolatedSqlite.shared(), clock)
                .verify(context.databases.get(0));

        assertEquals(VerifyResult.Status.FAILED, result.status());
        assertTrue(result.reason().startsWith("replica unreachable: all 5 restores failed; last: exit 1: cannot fetch"
                + " generations: connection refused"), result.reason());
        assertTrue(result.reason().contains("no replicator is running for default"), result.reason());
        assertEquals(List.of(200L, 400L, 800L, 1000L, 600L), clock.sleeps.stream().map(Duration::toMillis).toList());
        assertEquals(3.0, result.seconds(), 0.001);
        assertEquals(1, Sqlite.queryInt(db, "SELECT count(*) FROM _litestream_verification"), "one verification row");
        List<String> restore = launcher.lastArgs();
        assertEquals(List.of("restore", "-config", "CONFIG", "-o"), restore.subList(1, 5));
        assertTrue(restore.get(5).contains("litestream-verify-"), restore.toString());
        assertEquals(db.toString(), restore.get(6));
        assertTrue(Files.notExists(Path.of(restore.get(5)).getParent()), "verify's work directory was left behind");
    }

    /** Restores by producing the output file itself, as if it came from the replica. */
    static final class FakeRestoreLauncher implements Launcher {
        interface Restore {
            void into(Path out) throws Exception;
        }

        final Restore restore;

        FakeRestoreLauncher(Restore restore) {
            this.restore = restore;
        }

        @Override
        public int runAttached(List<String> command, Map<String, String> extraEnv) {
            throw new AssertionError("verify only captures");
        }

        @Override
        public Captured runCaptured(List<String> command, Map<String, String> extraEnv, Duration timeout) throws IOException {
            Path out = Path.of(command.get(command.indexOf("-o") + 1));
            try {
                restore.into(out);
            } catch (Exception e) {
                throw new IOException(e);
            }
            Files.write(Path.of(out + ".tmp-wal"), new byte[] {1}); // as the real restore leaves behind
            return new Captured(0, "", false);
        }
    }

    private static VerifyResult verifyWith(Path db, FakeRestoreLauncher.Restore restore) throws Exception {
        FakeContext context = new FakeContext("v0.3.13");
        return new Verifier(context, new LitestreamRunner(context, new FakeRestoreLauncher(restore)), IsolatedSqlite.shared(),
                new FakeClock()).verify(new DatabaseRef("default", db));
    }

    @Test
    void aRestoredCopyHoldingTheRowIsInSync(@TempDir Path dir) throws Exception {
        Path db = Sqlite.create(dir.resolve("app.db"));
        VerifyResult result = verifyWith(db, out -> {
            try (Connection c = Sqlite.open(db); Statement s = c.createStatement()) {
                s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
            }
            Files.copy(db, out); // the live file, verification row included
        });
        assertEquals(VerifyResult.Status.IN_SYNC, result.status(), result.reason());
        assertEquals("verification row restored, integrity_check ok", result.reason());
    }

    @Test
    void aRestoredCopyThatIsNotADatabaseIsAnIntegrityFailure(@TempDir Path dir) throws Exception {
        Path db = Sqlite.create(dir.resolve("app.db"));
        VerifyResult result = verifyWith(db, out -> Files.writeString(out, "not a database, only text. ".repeat(200)));
        assertEquals(VerifyResult.Status.FAILED, result.status());
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
            try (Connection c = Sqlite.open(db); Statement s = c.createStatement()) {
                s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
            }
            Files.copy(db, out);
        });
        assertEquals(VerifyResult.Status.IN_SYNC, result.status(), result.reason());
        assertEquals(2, restores[0]);
    }

    @Test
    void anOldCopyWithoutTheRowIsOutOfSyncAtTheDeadline(@TempDir Path dir) throws Exception {
        Path db = Sqlite.create(dir.resolve("app.db"));
        byte[] before = Files.readAllBytes(Sqlite.create(dir.resolve("old.db")));
        VerifyResult result = verifyWith(db, out -> Files.write(out, before));
        assertEquals(VerifyResult.Status.OUT_OF_SYNC, result.status());
        assertTrue(result.reason().startsWith("row missing at the deadline: the verification row was in none of 5"
                + " restored copies within 3.0 s"), result.reason());
    }

    @Test
    void aMissingDatabaseFileFailsWithoutCreatingIt(@TempDir Path dir) throws Exception {
        FakeContext context = new FakeContext("v0.3.13");
        DatabaseRef missing = new DatabaseRef("default", dir.resolve("gone.db"));
        VerifyResult result = new Verifier(context, new LitestreamRunner(context, new RecordingLauncher()),
                IsolatedSqlite.shared(), new FakeClock()).verify(missing);
        assertEquals(VerifyResult.Status.FAILED, result.status());
        assertTrue(result.reason().contains("gone.db does not exist"), result.reason());
        assertTrue(Files.notExists(missing.path()));
    }

    @Test
    void jsonIsOneEscapedObject() {
        VerifyResult result = new VerifyResult(new DatabaseRef("default", Path.of("/data/a \"b\".db")),
                VerifyResult.Status.OUT_OF_SYNC, "row missing\tat the deadline\n", 10.0);
        assertEquals("{\"database\":\"default\",\"path\":\"/data/a \\\"b\\\".db\",\"status\":\"out_of_sync\","
                + "\"reason\":\"row missing\\tat the deadline\\n\",\"seconds\":10.00}", result.toJson());
    }
}
