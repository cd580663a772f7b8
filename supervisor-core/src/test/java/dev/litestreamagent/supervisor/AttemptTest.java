package dev.litestreamagent.supervisor;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.litestreamagent.exec.ChildProcess;
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

    /** A child whose open files the test sets; counts the waits before SIGTERM. */
    private static final class Child implements ChildProcess {
        volatile Set<Path> open = Set.of();
        volatile int waitsBeforeTerminate;
        volatile boolean terminated;

        @Override
        public long pid() {
            return 1;
        }

        @Override
        public boolean waitFor(Duration timeout) throws InterruptedException {
            if (terminated) {
                return true;
            }
            waitsBeforeTerminate++;
            Thread.sleep(timeout.toMillis());
            return false;
        }

        @Override
        public int exitCode() {
            return 0;
        }

        @Override
        public Optional<Set<Path>> openFiles() {
            return Optional.of(open);
        }

        @Override
        public void terminate() {
            terminated = true;
        }

        @Override
        public void killTree() {
            terminated = true;
        }
    }

    @Test
    void aDatabaseCreatedAndOpenedSinceTheLastCheckGetsTheSettleBeforeSigterm() throws Exception {
        Path db = dir.resolve("app.db");
        Child child = new Child();
        Attempt attempt = new Attempt(child, 0, List.of(db));
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
        Child child = new Child();
        child.open = Set.of(db.toRealPath());
        Attempt attempt = new Attempt(child, 0, List.of(db));
        assertTrue(attempt.checkUp());
        Thread.sleep(600);
        attempt.stop(Duration.ofSeconds(3), Duration.ofSeconds(5));
        assertTrue(child.terminated);
        assertTrue(child.waitsBeforeTerminate == 0, child.waitsBeforeTerminate + " waits before SIGTERM");
    }

    @Test
    void theStepBeforeTheFinalSyncRunsOnceLitestreamOpenedTheDatabaseAndBeforeSigterm() throws Exception {
        Path db = Files.createFile(dir.resolve("app.db"));
        Child child = new Child();
        Attempt attempt = new Attempt(child, 0, List.of(db));
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
    void aFailingStepBeforeTheFinalSyncStillLetsLitestreamSync() throws Exception {
        Child child = new Child();
        Attempt attempt = new Attempt(child, 0, List.of(dir.resolve("not-yet.db")));
        attempt.stop(Duration.ofSeconds(3), Duration.ofSeconds(5), () -> {
            throw new IllegalStateException("the owner's step failed");
        });
        assertTrue(child.terminated, "no SIGTERM, so no final sync");
    }

    @Test
    void noStepBeforeTheFinalSyncWhenLitestreamExitedMeanwhile() throws Exception {
        Path db = Files.createFile(dir.resolve("app.db"));
        Child child = new Child();
        child.terminated = true; // gone by itself: it does no final sync to hold writers back for
        Attempt attempt = new Attempt(child, 0, List.of(db));
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
