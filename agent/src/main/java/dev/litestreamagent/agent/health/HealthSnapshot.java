package dev.litestreamagent.agent.health;

import dev.litestreamagent.supervisor.SupervisorState;
import dev.litestreamagent.supervisor.SupervisorStatus;
import dev.litestreamagent.verify.VerifyResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * What the endpoint reports at one instant: the supervisor's figures, each database, and whether
 * replication is healthy. Immutable.
 */
final class HealthSnapshot {
    private final SupervisorState state;
    private final OptionalLong pid;
    private final int restarts;
    private final int resyncs;
    private final OptionalInt lastExitCode;
    private final Optional<String> lastError;
    private final List<DatabaseHealth> databases;
    private final Instant takenAt;
    private final List<String> problems;

    /**
     * @param since when the endpoint started: the reference for a database that was never uploaded
     * @param limit how long writes may wait for an upload before the database counts as behind
     */
    HealthSnapshot(SupervisorState state, OptionalLong pid, int restarts, int resyncs, OptionalInt lastExitCode,
            Optional<String> lastError, List<DatabaseHealth> databases, Instant takenAt, Instant since,
            Duration limit) {
        this.state = state;
        this.pid = pid;
        this.restarts = restarts;
        this.resyncs = resyncs;
        this.lastExitCode = lastExitCode;
        this.lastError = lastError;
        this.databases = Collections.unmodifiableList(new ArrayList<>(databases));
        this.takenAt = takenAt;
        this.problems = Collections.unmodifiableList(problems(since, limit));
    }

    static HealthSnapshot of(SupervisorStatus status, List<DatabaseHealth> databases, Instant now, Instant since,
            Duration limit) {
        return new HealthSnapshot(status.state(), status.pid(), status.restartCount(), status.resyncCount(),
                status.lastExitCode(), status.lastError(), databases, now, since, limit);
    }

    /** No replication: its start failed, or has not happened yet. */
    static HealthSnapshot notStarted(List<DatabaseHealth> databases, Instant now) {
        return new HealthSnapshot(SupervisorState.STOPPED, OptionalLong.empty(), 0, 0, OptionalInt.empty(),
                Optional.empty(), databases, now, now, Duration.ZERO);
    }

    private List<String> problems(Instant since, Duration limit) {
        List<String> found = new ArrayList<>();
        switch (state) {
            case RUNNING:
            case WAITING: // no database has a schema yet: nothing to replicate
                break;
            case STARTING:
                found.add("Litestream is starting");
                break;
            case BACKOFF:
                found.add("Litestream exited and is restarted after a delay");
                break;
            case FAILED:
                found.add("the supervisor gave up restarting Litestream");
                break;
            default:
                found.add("no Litestream runs (replication not started, failed to start, or stopped)");
        }
        for (DatabaseHealth db : databases) {
            if (db.behind(takenAt, since, limit)) {
                found.add(db.alias() + ": written since its last upload, which is more than " + limit.getSeconds()
                        + " s ago");
            }
            if (db.verificationFailing()) {
                VerifyResult last = db.verification().get().last();
                found.add(db.alias() + ": the verification at " + last.time() + " found it " + last.outcome().label()
                        + ": " + last.reason());
            }
        }
        return found;
    }

    /** Replicating, with nothing written that should have been uploaded by now. */
    boolean healthy() {
        return problems.isEmpty();
    }

    /** Why it is not healthy; empty when it is. */
    List<String> problems() {
        return problems;
    }

    SupervisorState state() {
        return state;
    }

    OptionalLong pid() {
        return pid;
    }

    int restarts() {
        return restarts;
    }

    int resyncs() {
        return resyncs;
    }

    OptionalInt lastExitCode() {
        return lastExitCode;
    }

    Optional<String> lastError() {
        return lastError;
    }

    List<DatabaseHealth> databases() {
        return databases;
    }

    Instant takenAt() {
        return takenAt;
    }
}
