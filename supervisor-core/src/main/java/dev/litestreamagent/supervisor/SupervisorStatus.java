package dev.litestreamagent.supervisor;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.TreeMap;

/** An immutable snapshot of what the supervisor knows about its Litestream. */
public final class SupervisorStatus {
    private final String name;
    private final SupervisorState state;
    private final OptionalLong pid;
    private final int restartCount;
    private final int resyncCount;
    private final OptionalInt lastExitCode;
    private final Optional<String> lastError;
    private final List<String> lastOutputLines;
    private final Map<String, Instant> lastUploads;

    SupervisorStatus(String name, SupervisorState state, OptionalLong pid, int restartCount, int resyncCount,
            OptionalInt lastExitCode,
            Optional<String> lastError, List<String> lastOutputLines, Map<String, Instant> lastUploads) {
        this.name = name;
        this.state = state;
        this.pid = pid;
        this.restartCount = restartCount;
        this.resyncCount = resyncCount;
        this.lastExitCode = lastExitCode;
        this.lastError = lastError;
        this.lastOutputLines = Collections.unmodifiableList(lastOutputLines);
        this.lastUploads = Collections.unmodifiableMap(new TreeMap<>(lastUploads));
    }

    public String name() {
        return name;
    }

    public SupervisorState state() {
        return state;
    }

    /** The running Litestream's process id; empty while none runs. */
    public OptionalLong pid() {
        return pid;
    }

    /** How many times Litestream was started again after an unexpected exit. */
    public int restartCount() {
        return restartCount;
    }

    /** How many times Litestream was restarted on purpose so it uploads what an outage left pending. */
    public int resyncCount() {
        return resyncCount;
    }

    public OptionalInt lastExitCode() {
        return lastExitCode;
    }

    public Optional<String> lastError() {
        return lastError;
    }

    /** Litestream's most recent output lines, oldest first (bounded). */
    public List<String> lastOutputLines() {
        return lastOutputLines;
    }

    /**
     * When Litestream last reported an upload (WAL segment or snapshot) finished, per database as Litestream
     * names it (its {@code db} field: the path in the config), since the supervisor started; sorted by path.
     */
    public Map<String, Instant> lastUploads() {
        return lastUploads;
    }

    /** One line for the log: no output lines. */
    @Override
    public String toString() {
        return "Litestream supervisor '" + name + "': " + state
                + (pid.isPresent() ? ", pid " + pid.getAsLong() : "")
                + ", restarts " + restartCount
                + (resyncCount > 0 ? ", resync restarts " + resyncCount : "")
                + (lastExitCode.isPresent() ? ", last exit code " + lastExitCode.getAsInt() : "")
                + lastError.map(e -> ", last error: " + e).orElse("");
    }
}
