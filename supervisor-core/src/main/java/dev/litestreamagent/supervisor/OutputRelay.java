package dev.litestreamagent.supervisor;

import dev.litestreamagent.secrets.SecretMask;
import dev.litestreamagent.supervisor.log.LitestreamLine;
import dev.litestreamagent.supervisor.log.LogMarkers;
import dev.litestreamagent.supervisor.log.LogThrottle;
import dev.litestreamagent.supervisor.log.OutputTail;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Litestream's output as the supervisor tells it: each line to SLF4J with Litestream's level (at most
 * 200 per 10 s, then a "suppressed" note; an ERROR while a stop is under way is counted), the last lines for status and crash reports, when
 * each database last finished an upload, and what an exit after a stop means.
 */
final class OutputRelay {
    private static final Logger LOG = LoggerFactory.getLogger(Supervisor.class);
    private static final Logger OUTPUT = LoggerFactory.getLogger("dev.litestreamagent.litestream");
    private static final int TAIL_LINES = 50;
    /** The exit code Java reports for a process ended by SIGKILL (128 + 9). */
    private static final int KILLED = 137;
    /** The exit code of a Go program that panicked. */
    private static final int GO_PANIC = 2;

    private final LogMarkers markers;
    private final SecretMask mask;
    private final Clock clock;
    private final OutputTail tail = new OutputTail(TAIL_LINES);
    /** Litestream's ordinary output is a few lines a minute; hundreds in 10 s are a flood, not news. */
    private final LogThrottle throttle = new LogThrottle(200, 10_000_000_000L);
    private final Set<String> explainedResets = ConcurrentHashMap.newKeySet();
    /** Per database (Litestream's {@code db} field), when its last upload finished. */
    private final Map<String, Instant> lastUploads = new ConcurrentHashMap<>();
    /** ERROR lines, other than cancelled background work, since the latest launch. */
    private final AtomicInteger errorsWhileStopping = new AtomicInteger();
    /** The databases those lines named (their {@code db} field). */
    private final Set<String> failedWhileStopping = ConcurrentHashMap.newKeySet();
    /** Whether, while stopping, the close raced its own replica sync (not counted as an error above). */
    private volatile boolean closeRaced;

    OutputRelay(LogMarkers markers, SecretMask mask, Clock clock) {
        this.markers = markers;
        this.mask = mask;
        this.clock = clock;
    }

    /** A new Litestream: its stop is judged by its own lines only. */
    void launched() {
        errorsWhileStopping.set(0);
        failedWhileStopping.clear();
        closeRaced = false;
    }

    /**
     * Logs one line, secrets masked (Litestream prints endpoints and URLs as configured); {@code shuttingDown}
     * when the supervisor has sent (or is about to send) SIGTERM.
     */
    LitestreamLine relay(String raw, boolean shuttingDown) {
        LitestreamLine line = LitestreamLine.parse(mask.apply(raw), markers);
        if (shuttingDown && line.closeRacedOwnSync()) {
            closeRaced = true;
        } else if (shuttingDown && line.level() == LitestreamLine.Level.ERROR && !line.cancelledByShutdown()) {
            errorsWhileStopping.incrementAndGet();
            if (!line.field("db").isEmpty()) {
                failedWhileStopping.add(line.field("db"));
            }
        }
        if (line.isShownBy(OUTPUT, shuttingDown)) {
            long suppressed = throttle.rollOver(clock.nanoTime());
            if (suppressed > 0) {
                LOG.warn("{} lines of Litestream's output suppressed: more than {} in {} s (the last {} are in the MBean's "
                        + "lastOutputLines)", suppressed, throttle.linesPerWindow(), throttle.windowNanos() / 1_000_000_000L,
                        TAIL_LINES);
            }
            if (throttle.admit()) {
                line.logTo(OUTPUT, shuttingDown);
            }
        }
        if (line.generationReset() && explainedResets.add(line.field("db"))) {
            LOG.info("Litestream starts a new backup generation for {}: it could not continue the previous one, as the "
                    + "database changed while no Litestream followed it (after a kill, or a checkpoint meanwhile). "
                    + "Nothing is lost: its next upload is a full snapshot", line.field("db"));
        }
        tail.add(line.toString());
        if (line.uploadDone() && !line.field("db").isEmpty()) {
            lastUploads.put(line.field("db"), clock.now());
        }
        return line;
    }

    List<String> lastLines() {
        return tail.snapshot();
    }

    /** For crash reports: one line each, or "(none)". */
    String lastLinesText() {
        List<String> lines = tail.snapshot();
        return lines.isEmpty() ? "(none)" : String.join("\n  ", lines);
    }

    Map<String, Instant> lastUploads() {
        return lastUploads;
    }

    /**
     * Litestream 0.3 exits 1 when background work its shutdown cancelled failed (a checkpoint:
     * "context canceled"), after a final sync that went well: that is no failure to report. Other
     * errors while it stopped, or a kill because the final sync did not end within the stop timeout
     * (0.3.13 never ends it to a file replica whose directory became a file), leave the rows of its
     * last seconds only in the local files: the ERROR names them.
     */
    void logFinalExit(long pid, int exitCode, List<Path> databases) {
        if (exitCodeFromCloseRace(exitCode)) {
            LOG.info("Litestream (pid {}) stopped with exit code {}: its close raced its own replica sync (Litestream "
                    + "0.3.13), which left the replica's state unsure; a second Litestream syncs again", pid, exitCode);
        } else if (exitCode == 0) {
            LOG.info("Litestream (pid {}) stopped after its final sync", pid);
        } else if (exitCode == KILLED) {
            LOG.error("Litestream (pid {}) did not finish its final sync within the stop timeout and was killed: rows "
                    + "committed since its last upload stay only in the local file of {} until Litestream runs again "
                    + "(is the replica reachable?)", pid, databases);
        } else if (errorsWhileStopping.get() == 0) {
            LOG.info("Litestream (pid {}) stopped after its final sync with exit code {}: only background work that its "
                    + "shutdown cancelled reported errors", pid, exitCode);
        } else {
            LOG.error("Litestream (pid {}) stopped with exit code {} and reported errors while stopping (above): rows "
                    + "committed since its last upload stay only in the local file of {} until Litestream runs again",
                    pid, exitCode, failedWhileStopping.isEmpty() ? databases : new TreeSet<>(failedWhileStopping));
        }
    }

    /** Whether a final exit with this code (1, or a Go panic's 2) failed only because the close raced its own replica sync. */
    boolean exitCodeFromCloseRace(int exitCode) {
        return (exitCode == 1 || exitCode == GO_PANIC) && closeRaced && errorsWhileStopping.get() == 0;
    }
}
