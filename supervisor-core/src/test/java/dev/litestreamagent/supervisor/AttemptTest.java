package dev.litestreamagent.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.litestreamagent.exec.PosixLocks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stop's wait for Litestream's first sync of a database, the cause of lost rows in short-lived JVMs. */
class AttemptTest {
    @TempDir
    Path dir;

    @Test
    void aDatabaseCreatedAndOpenedSinceTheLastCheckGetsTheSettleBeforeSigterm() throws Exception {
        Path db = dir.resolve("app.db");
        ScriptedChild child = new ScriptedChild();
        Attempt attempt = new Attempt(child, 0, List.of(db), Optional::empty); // /proc/locks cannot tell
        assertTrue(attempt.checkUp(), "a database that does not exist yet holds nothing back");
        Thread.sleep(600); // long up: the settle counted from then is over

        Files.createFile(db); // the application creates it, Litestream opens it, and the JVM exits at once
        child.open = Set.of(db.toRealPath());
        attempt.stop(Duration.ofSeconds(3), Duration.ofSeconds(5));

        assertTrue(child.terminated);
        assertTrue(child.waitsBeforeTerminate >= 5, "SIGTERM came after " + child.waitsBeforeTerminate
                + " waits of 50 ms: inside Litestream's first sync of the new database");
    }

    @Test
    void aChildUpLongSinceIsStoppedAtOnce() throws Exception {
        Path db = Files.createFile(dir.resolve("app.db"));
        ScriptedChild child = new ScriptedChild();
        child.open = Set.of(db.toRealPath());
        Attempt attempt = new Attempt(child, 0, List.of(db), Optional::empty); // /proc/locks cannot tell
        assertTrue(attempt.checkUp());
        Thread.sleep(600);
        attempt.stop(Duration.ofSeconds(3), Duration.ofSeconds(5));
        assertTrue(child.terminated);
        assertTrue(child.waitsBeforeTerminate == 0, child.waitsBeforeTerminate + " waits before SIGTERM");
    }

    /** /proc/locks as a test sets it: the child (pid 1) and the application (pid 2) on the database's -shm file. */
    private static final class Locks {
        volatile boolean readMark;
        volatile boolean applicationWrites;
        final long shm;

        Locks(Path db) throws Exception {
            shm = (Long) Files.getAttribute(Files.createFile(Path.of(db + "-shm")), "unix:ino");
        }

        Optional<PosixLocks> table() {
            StringBuilder t = new StringBuilder("1: POSIX ADVISORY READ 1 08:01:" + shm + " 128 128\n");
            if (readMark) {
                t.append("2: POSIX ADVISORY READ 1 08:01:").append(shm).append(" 124 124\n");
            }
            if (applicationWrites) {
                t.append("3: POSIX ADVISORY WRITE 2 08:01:").append(shm).append(" 120 120\n");
            }
            return Optional.of(PosixLocks.parse(t.toString()));
        }
    }

    /** A child that has the database open, and the lock table the test sets. */
    private final class Opened {
        final ScriptedChild child = new ScriptedChild();
        final Locks locks;
        final Attempt attempt;

        Opened() throws Exception {
            Path db = Files.createFile(dir.resolve("app.db"));
            locks = new Locks(db);
            child.open = Set.of(db.toRealPath());
            attempt = new Attempt(child, System.nanoTime(), List.of(db), locks::table);
        }
    }

    private static long stopMillis(Attempt attempt, Duration openWait) throws InterruptedException {
        long begun = System.nanoTime();
        attempt.stop(openWait, Duration.ofSeconds(5));
        return (System.nanoTime() - begun) / 1_000_000;
    }

    private static void after(long millis, Runnable change) {
        Thread t = new Thread(() -> {
            try {
                Thread.sleep(millis);
                change.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        t.setDaemon(true);
        t.start();
    }

    @Test
    void theStopWaitsForLitestreamsReadTransactionNotAFixedSettle() throws Exception {
        Opened o = new Opened(); // open, its read transaction not yet in place (a slow machine)
        after(1500, () -> o.locks.readMark = true); // three times the old settle
        long waited = stopMillis(o.attempt, Duration.ofSeconds(10));
        assertTrue(o.child.terminated);
        assertTrue(waited >= 1500 && waited < 3000, "SIGTERM after " + waited + " ms");
    }

    @Test
    void aReadMarkWhileTheApplicationHoldsTheWriteLockIsAFirstOpeningStillWaitingForIt() throws Exception {
        Opened o = new Opened();
        o.locks.readMark = true; // Litestream's CREATE TABLE of its first opening, waiting for the write lock
        o.locks.applicationWrites = true;
        after(1000, () -> o.locks.applicationWrites = false);
        long waited = stopMillis(o.attempt, Duration.ofSeconds(10));
        assertTrue(waited >= 1000 && waited < 4000, "SIGTERM after " + waited + " ms");
    }

    @Test
    void aWriterThatNeverStopsDelaysTheStopOnlyPastLitestreamsBusyWaits() throws Exception {
        Opened o = new Opened();
        o.locks.readMark = true;
        o.locks.applicationWrites = true;
        long waited = stopMillis(o.attempt, Duration.ofSeconds(10));
        assertTrue(waited >= 2200 && waited < 4000, "SIGTERM after " + waited + " ms");
    }

    @Test
    void aChildThatNeverFinishesOpeningIsStoppedAtTheDeadline() throws Exception {
        Opened o = new Opened();
        long waited = stopMillis(o.attempt, Duration.ofMillis(800));
        assertTrue(o.child.terminated);
        assertTrue(waited >= 800 && waited < 3000, "SIGTERM after " + waited + " ms");
    }

    @Test
    void aChildUpJustNowMustShowItsReadTransactionInTenChecksInARow() throws Exception {
        Opened o = new Opened();
        o.locks.readMark = true;
        assertTrue(o.attempt.checkUp());
        o.attempt.stop(Duration.ofSeconds(10), Duration.ofSeconds(5));
        assertTrue(o.child.terminated);
        assertEquals(9, o.child.waitsBeforeTerminate);
    }

    @Test
    void aChildUpForLongerThanTheBusyWaitsIsStoppedAfterTwoChecks() throws Exception {
        Opened o = new Opened();
        o.locks.readMark = true;
        assertTrue(o.attempt.checkUp());
        Thread.sleep(2300);
        o.attempt.stop(Duration.ofSeconds(10), Duration.ofSeconds(5));
        assertTrue(o.child.terminated);
        assertEquals(1, o.child.waitsBeforeTerminate);
    }

    @Test
    void theStepBeforeTheFinalSyncRunsOnceLitestreamOpenedTheDatabaseAndBeforeSigterm() throws Exception {
        Path db = Files.createFile(dir.resolve("app.db"));
        ScriptedChild child = new ScriptedChild();
        Attempt attempt = new Attempt(child, 0, List.of(db), Optional::empty);
        new Thread(() -> {
            sleep(300);
            child.open = Set.of(realPath(db)); // Litestream opens the database a while after its launch
        }).start();
        boolean[] openAndNotSignalled = new boolean[1];
        attempt.stop(Duration.ofSeconds(3), Duration.ofSeconds(5),
                () -> openAndNotSignalled[0] = !child.open.isEmpty() && !child.terminated);
        assertTrue(openAndNotSignalled[0], "the step ran before Litestream had the database open, or after SIGTERM");
        assertTrue(child.terminated);
    }

    @Test
    void theOpenWaitAndTheStepBeforeTheFinalSyncComeOutOfTheStopTimeout() throws Exception {
        Path db = Files.createFile(dir.resolve("app.db"));
        ScriptedChild child = new ScriptedChild();
        child.ignoresSigterm = true;
        Attempt attempt = new Attempt(child, 0, List.of(db), Optional::empty);
        after(600, () -> child.open = Set.of(realPath(db)));
        attempt.stop(Duration.ofSeconds(3), Duration.ofSeconds(4), () -> sleep(400));
        long syncMillis = child.waitAfterSigterm.toMillis();
        assertTrue(syncMillis >= 1000 && syncMillis <= 3000, "the final sync got " + syncMillis + " ms of a 4 s stop"
                + " timeout after an open wait of 0.6 s and a step of 0.4 s");
        assertTrue(child.killed);
    }

    @Test
    void theFinalSyncKeepsAQuarterOfTheStopTimeoutWhateverCameBefore() throws Exception {
        Path db = Files.createFile(dir.resolve("app.db"));
        ScriptedChild child = new ScriptedChild();
        child.ignoresSigterm = true;
        child.open = Set.of(realPath(db));
        Attempt attempt = new Attempt(child, 0, List.of(db), Optional::empty);
        attempt.stop(Duration.ofSeconds(3), Duration.ofMillis(800), () -> sleep(1000));
        assertEquals(200, child.waitAfterSigterm.toMillis());
    }

    @Test
    void aFailingStepBeforeTheFinalSyncStillLetsLitestreamSync() throws Exception {
        ScriptedChild child = new ScriptedChild();
        Attempt attempt = new Attempt(child, 0, List.of(dir.resolve("not-yet.db")), Optional::empty);
        attempt.stop(Duration.ofSeconds(3), Duration.ofSeconds(5), () -> {
            throw new IllegalStateException("the owner's step failed");
        });
        assertTrue(child.terminated, "no SIGTERM, so no final sync");
    }

    @Test
    void noStepBeforeTheFinalSyncWhenLitestreamExitedMeanwhile() throws Exception {
        Path db = Files.createFile(dir.resolve("app.db"));
        ScriptedChild child = new ScriptedChild();
        child.terminated = true; // gone by itself: it does no final sync to hold writers back for
        Attempt attempt = new Attempt(child, 0, List.of(db), Optional::empty);
        boolean[] ran = new boolean[1];
        attempt.stop(Duration.ofSeconds(3), Duration.ofSeconds(5), () -> ran[0] = true);
        assertFalse(ran[0], "the step ran for a Litestream that had exited");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Path realPath(Path file) {
        try {
            return file.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
