package dev.litestreamagent.supervisor;

import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The supervisor's state and counters; each state change is logged (FAILED at ERROR). */
final class StatusBoard {
    private static final Logger LOG = LoggerFactory.getLogger(Supervisor.class);

    private final String name;
    private final PlannedRestarts planned;
    private final OutputRelay output;
    private SupervisorState state = SupervisorState.STOPPED;
    private int restartCount;
    private Integer lastExitCode;
    private String lastError;

    StatusBoard(String name, PlannedRestarts planned, OutputRelay output) {
        this.name = name;
        this.planned = planned;
        this.output = output;
    }

    synchronized SupervisorState state() {
        return state;
    }

    synchronized void restarted() {
        restartCount++;
    }

    synchronized void exited(int exitCode) {
        lastExitCode = exitCode;
    }

    /** The status with {@code current} (null: none) as the running Litestream. */
    synchronized SupervisorStatus snapshot(Attempt current) {
        return new SupervisorStatus(name, state,
                current == null ? OptionalLong.empty() : OptionalLong.of(current.child().pid()),
                restartCount, planned.count(), lastExitCode == null ? OptionalInt.empty() : OptionalInt.of(lastExitCode),
                Optional.ofNullable(lastError), output.lastLines(), output.lastUploads());
    }

    /** Changes state (and error, when given) and logs the new status. */
    void set(SupervisorState newState, String error, Attempt current) {
        SupervisorStatus status;
        synchronized (this) {
            state = newState;
            if (error != null) {
                lastError = error;
            }
            status = snapshot(current);
        }
        if (newState == SupervisorState.FAILED) {
            LOG.error("{}", status);
        } else {
            LOG.info("{}", status);
        }
    }
}
