package dev.litestreamagent.verify;

import dev.litestreamagent.exec.RunResult;
import dev.litestreamagent.supervisor.Clock;
import dev.litestreamagent.verify.VerifyResult.Outcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BooleanSupplier;

/**
 * Proves that a database's backup is current and restorable: writes a row holding a token of its
 * own into the live database, then restores into a private temp directory again and again until the
 * token is in the restored copy or the deadline passes (as soon as the {@link ReplicaWatch} sees an
 * upload, and at least once a second; without a watch on a short backoff, no fixed sleep), runs
 * {@code PRAGMA integrity_check} on that copy, and deletes its row. Concurrent verifies of one
 * database look for and delete only their own token. Holds no state between calls: one instance
 * serves any number of threads.
 */
public final class Verifier {
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(200);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(1);
    /** How often the replica watch looks: a few stat calls, against Litestream's 1 s default sync. */
    private static final Duration WATCH_INTERVAL = Duration.ofMillis(20);
    /** The row is deleted even when the deadline is spent: the delete waits at least this long for the write lock. */
    private static final Duration MIN_CLEANUP_WAIT = Duration.ofSeconds(5);
    /** What Litestream's restore says when the replica is reachable but holds no backup. */
    private static final String NO_BACKUP = "no matching backups found";

    private final RestoreRunner restores;
    private final SentinelStore sentinels;
    private final Clock clock;
    private final Duration timeout;
    private final ReplicaWatch watch;

    /** @param timeout the deadline of one verification, from the write of its row to the verdict */
    public Verifier(RestoreRunner restores, SentinelStore sentinels, Clock clock, Duration timeout) {
        this(restores, sentinels, clock, timeout, ReplicaWatch.NONE);
    }

    /** @param watch tells when the replica that {@code restores} restores from has something new */
    public Verifier(RestoreRunner restores, SentinelStore sentinels, Clock clock, Duration timeout, ReplicaWatch watch) {
        this.restores = restores;
        this.sentinels = sentinels;
        this.clock = clock;
        this.timeout = timeout;
        this.watch = watch;
    }

    /**
     * @param replicating whether a replicator runs for the database now: without one the row could
     *     never reach the replica, so the verification ends at once instead of at the deadline
     */
    public VerifyResult verify(String alias, Path database, BooleanSupplier replicating) throws InterruptedException {
        Run run = new Run(alias, database);
        if (!Files.isRegularFile(database)) {
            // Opening a missing file would create an empty database in its place.
            return run.result(Outcome.FAILED, "cannot verify: the database file " + database + " does not exist");
        }
        if (!replicating.getAsBoolean()) {
            return run.result(Outcome.OUT_OF_SYNC, "no replicator is running for " + alias
                    + " (start replicate, or the application with the agent): nothing copies changes to the replica");
        }
        String token = UUID.randomUUID().toString();
        // Looked at before the write: the upload that carries the row may come before any later look.
        Optional<String> replicaBefore = watch.state();
        try {
            sentinels.write(database, token, run.remaining());
        } catch (SQLException e) {
            return run.result(Outcome.FAILED, "cannot verify: cannot write the verification row within "
                    + seconds(timeout) + " s: " + e.getMessage());
        }
        VerifyResult proof;
        try {
            proof = prove(run, token, replicaBefore);
        } catch (InterruptedException | RuntimeException e) {
            deleteRow(run, token);
            throw e;
        }
        String notDeleted = deleteRow(run, token);
        return notDeleted == null ? proof : proof.withReason(proof.reason() + "; " + notDeleted);
    }

    private VerifyResult prove(Run run, String token, Optional<String> replicaBefore) throws InterruptedException {
        try (PrivateDirectory workDir = PrivateDirectory.create("litestream-verify-")) {
            return poll(run, token, workDir, replicaBefore);
        } catch (IOException e) {
            return run.result(Outcome.FAILED, "cannot verify: " + e.getMessage());
        }
    }

    private VerifyResult poll(Run run, String token, PrivateDirectory workDir, Optional<String> replicaBefore)
            throws IOException, InterruptedException {
        Duration backoff = FIRST_BACKOFF;
        Optional<String> seen = replicaBefore;
        long lastTry = clock.nanoTime();
        while (clock.nanoTime() < run.deadline) {
            if (seen.isPresent()) {
                Optional<String> now = watch.state();
                if (now.equals(seen) && clock.nanoTime() - lastTry < MAX_BACKOFF.toNanos()) {
                    sleepAtMost(WATCH_INTERVAL, run);
                    continue;
                }
                seen = now; // a look that fails from now on: back to the backoff
            }
            Path restored = workDir.path().resolve("verify-" + (run.attempts + 1) + ".db");
            RunResult restore = restores.restore(run.database, restored, run.remaining());
            run.attempts++;
            if (restore.timedOut()) {
                // Cut short by the deadline: an earlier attempt's error says more, when there is one.
                run.lastError = run.lastError != null ? run.lastError : "restore still running at the deadline (killed)";
            } else if (restore.exitCode() != 0) {
                run.lastError = "exit " + restore.exitCode() + ": " + lastLine(restore.output());
                run.noBackup |= restore.output().contains(NO_BACKUP);
            } else {
                run.restored++;
                Optional<VerifyResult> checked = check(run, restored, token);
                if (checked.isPresent() && checked.get().outcome() == Outcome.IN_SYNC) {
                    return checked.get();
                }
                if (checked.isPresent()) {
                    // A restore taken while Litestream writes a segment can be torn (seen with 0.3.13 on a
                    // busy database); only a failure that no later copy before the deadline clears counts.
                    run.integrityFailure = checked.get().reason();
                }
            }
            workDir.clear(); // restore leaves -shm, -wal, .tmp-shm and .tmp-wal files next to its output
            lastTry = clock.nanoTime();
            if (seen.isPresent()) {
                continue;
            }
            sleepAtMost(backoff, run);
            backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
        }
        return run.verdictAtDeadline();
    }

    private void sleepAtMost(Duration pause, Run run) throws InterruptedException {
        long left = run.deadline - clock.nanoTime();
        if (left > 0) {
            clock.sleep(Duration.ofNanos(Math.min(pause.toNanos(), left)));
        }
    }

    /** The result once the token is in the restored copy; empty while it is not there yet. */
    private Optional<VerifyResult> check(Run run, Path restored, String token) {
        try {
            return sentinels.check(restored, token).map(verdict -> "ok".equals(verdict)
                    ? run.result(Outcome.IN_SYNC, "verification row restored, integrity_check ok")
                    : run.result(Outcome.FAILED, "integrity failure in the restored copy: " + verdict));
        } catch (SQLException e) {
            return Optional.of(run.result(Outcome.FAILED,
                    "integrity failure: the restored copy cannot be read: " + e.getMessage()));
        }
    }

    /** Deletes this verification's row; what went wrong, or null. */
    private String deleteRow(Run run, String token) {
        Duration wait = run.remaining().compareTo(MIN_CLEANUP_WAIT) > 0 ? run.remaining() : MIN_CLEANUP_WAIT;
        try {
            sentinels.delete(run.database, token, wait);
            return null;
        } catch (SQLException e) {
            return "the verification row could not be deleted: " + e.getMessage();
        }
    }

    private static String seconds(Duration duration) {
        return String.valueOf(duration.toMillis() / 1000.0);
    }

    private static String lastLine(String output) {
        List<String> lines = Arrays.asList(output.trim().split("\\R"));
        String last = lines.get(lines.size() - 1).trim();
        return last.isEmpty() ? "(no output)" : last.length() > 300 ? last.substring(0, 300) + "..." : last;
    }

    /** One verification: its database, clock readings and what the polling saw so far. */
    private final class Run {
        final String alias;
        final Path database;
        final Instant time = Instant.now();
        final long start = clock.nanoTime();
        final long deadline = start + timeout.toNanos();
        int attempts;
        int restored;
        String lastError;
        boolean noBackup;
        String integrityFailure;

        Run(String alias, Path database) {
            this.alias = alias;
            this.database = database;
        }

        Duration remaining() {
            return Duration.ofNanos(Math.max(0, deadline - clock.nanoTime()));
        }

        VerifyResult result(Outcome outcome, String reason) {
            return new VerifyResult(alias, database, time, outcome, reason, Duration.ofNanos(clock.nanoTime() - start));
        }

        VerifyResult verdictAtDeadline() {
            if (integrityFailure != null) {
                return result(Outcome.FAILED, integrityFailure + " (no restored copy passed integrity_check within "
                        + seconds(timeout) + " s)");
            }
            if (restored > 0) {
                return result(Outcome.OUT_OF_SYNC, "row missing at the deadline: the verification row was in none of "
                        + restored + " restored copies within " + seconds(timeout) + " s");
            }
            if (noBackup) {
                return result(Outcome.OUT_OF_SYNC, "no backup on the replica: the replica answered, but restore found " + NO_BACKUP);
            }
            return result(Outcome.FAILED, "replica unreachable: " + (attempts == 0 ? "no restore could run before the deadline"
                    : "all " + attempts + " restores failed; last: " + lastError));
        }
    }
}
