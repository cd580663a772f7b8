package dev.litestreamagent.supervisor;

import dev.litestreamagent.exec.ChildProcess;
import dev.litestreamagent.exec.Output;
import dev.litestreamagent.exec.ProcessLauncher;
import dev.litestreamagent.exec.ProcessSpec;
import dev.litestreamagent.exec.SystemProcessLauncher;
import dev.litestreamagent.supervisor.log.LitestreamLine;
import dev.litestreamagent.supervisor.log.LogFollower;
import dev.litestreamagent.supervisor.log.OutputTail;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.DoubleSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@code litestream replicate} as a child this JVM owns: restarts it with backoff when it
 * exits unexpectedly, stops it gracefully (SIGTERM, final sync, bounded by the stop timeout), and
 * guarantees one replicator per database with file locks. See docs/supervisor.md.
 */
public final class Supervisor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Supervisor.class);
    private static final Logger OUTPUT = LoggerFactory.getLogger("dev.litestreamagent.litestream");
    private static final int TAIL_LINES = 50;
    private static final Duration WATCH_POLL = Duration.ofMillis(100);
    private static final Duration WATCHER_JOIN = Duration.ofSeconds(5);
    private static final Duration STUCK_STOP_WAIT = Duration.ofSeconds(5);
    /** How often a supervisor with no database ready yet looks again. */
    private static final Duration READY_POLL = Duration.ofMillis(100);

    private final SupervisorSettings settings;
    private final ProcessLauncher launcher;
    private final Clock clock;
    private final RestartTracker tracker;
    private final ResyncTrigger resync;
    private final StallWatch stall;
    private final OutputTail tail = new OutputTail(TAIL_LINES);
    private final List<String> command;
    private final ReplicatorGuard guard;
    private final ProcessSpec spec;
    private final StatusMBean mbean;
    private final Object stopLock = new Object();
    private final Object lock = new Object();

    // guarded by lock
    private SupervisorState state = SupervisorState.STOPPED;
    private Attempt current;
    private int restartCount;
    private int resyncCount;
    /** Planned restarts since Litestream last finished an upload: the first of a run warns, the rest are debug. */
    private int plannedSinceUpload;
    private Integer lastExitCode;
    /** ERROR lines, other than cancelled background work, since the supervisor last sent SIGTERM. */
    private int errorsWhileStopping;
    private final Set<String> explainedResets = ConcurrentHashMap.newKeySet();
    /** Per database (Litestream's {@code db} field), when its last upload finished. */
    private final Map<String, Instant> lastUploads = new ConcurrentHashMap<>();
    private String lastError;
    private boolean started;
    private boolean stopping;

    // set by start(), read by stop() and the watcher
    private volatile LogFollower follower;
    private volatile Thread watcher;

    /** A supervisor with the real clock and real processes. */
    public static Supervisor create(SupervisorSettings settings) {
        return new Supervisor(settings, new SystemProcessLauncher(), Clock.SYSTEM, Math::random);
    }

    /** For tests: any launcher, clock and jitter source (values in [0, 1)). */
    public Supervisor(SupervisorSettings settings, ProcessLauncher launcher, Clock clock, DoubleSupplier random) {
        this.settings = settings;
        this.launcher = launcher;
        this.clock = clock;
        this.tracker = new RestartTracker(settings.restartPolicy(), random);
        this.resync = new ResyncTrigger(settings.resyncPolicy());
        this.stall = new StallWatch(settings.resyncPolicy());
        this.command = Collections.unmodifiableList(Arrays.asList(
                settings.binary().toAbsolutePath().toString(), "replicate",
                "-config", settings.configFile().toAbsolutePath().toString(),
                // Litestream ends (after a final sync) when this exits, i.e. when the JVM dies, even by SIGKILL.
                "-exec", "tail --pid=" + settings.parentPid() + " -f /dev/null"));
        this.guard = new ReplicatorGuard(settings.databases());
        // A session of its own: Ctrl-C in a terminal, `kill -TERM -<pgid>` and the like reach the JVM only,
        // so Litestream stops when the agent says, after the application's shutdown; with its -exec tail
        // hit by the same signal, Litestream 0.3.13 exits 1 without a final sync.
        this.spec = ProcessSpec.of(command, Output.appendTo(guard.logFile())).withEnvironment(settings.environment())
                .withNewSession(true);
        this.mbean = new StatusMBean(this::status, settings.databases());
    }

    /**
     * Locks every database (sorted order), stops a replicator an earlier run left behind, launches
     * Litestream and returns; a background thread watches and restarts it.
     *
     * @throws ReplicatorAlreadyRunningException when another process replicates one of the databases
     * @throws IllegalStateException when already started, or Litestream cannot be launched at all
     */
    public void start() throws ReplicatorAlreadyRunningException {
        synchronized (lock) {
            if (started) {
                throw new IllegalStateException("Litestream supervisor '" + settings.name() + "' was already started");
            }
            started = true;
        }
        try {
            guard.lock("litestream-agent supervisor '" + settings.name() + "' in process "
                    + ProcessHandle.current().pid());
        } catch (IOException e) {
            notStarted();
            throw new UncheckedIOException("Cannot lock the databases " + settings.databases(), e);
        } catch (ReplicatorAlreadyRunningException | RuntimeException e) {
            notStarted();
            throw e;
        }
        try {
            guard.stopOrphans(command, settings.stopTimeout());
            Path log = guard.logFile();
            rotate(log);
            follower = new LogFollower(log, settings.maxLogBytes(), this::onOutput, "litestream-output-" + settings.name());
            follower.start();
            Attempt first = launch(false);
            if (first == null && !waitForDatabases()) { // stopped meanwhile from another thread
                abortStart();
                return;
            }
            mbean.register(settings.name());
            watcher = new Thread(() -> watch(first), "litestream-supervisor-" + settings.name());
            watcher.setDaemon(true);
            watcher.start();
        } catch (IOException e) {
            abortStart();
            throw new IllegalStateException("Cannot start Litestream (" + command + "): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abortStart();
            throw new IllegalStateException("Interrupted while stopping a leftover Litestream", e);
        } catch (RuntimeException e) {
            abortStart();
            throw e;
        }
    }

    /** A start that failed half-way leaves no child and no lock behind. */
    private void abortStart() {
        Attempt launched;
        synchronized (lock) {
            launched = current;
            current = null;
        }
        if (launched != null) {
            launched.child().killTree(); // just launched: it has nothing to sync yet
        }
        releaseAll();
    }

    /**
     * Graceful stop: waits (at most startGrace) until a just-launched Litestream has opened its
     * databases, sends SIGTERM, waits stopTimeout for its final sync, then kills it and its
     * descendants. Releases the locks. Idempotent. The owner calls it when the JVM exits (the
     * agent does so after the application's own shutdown hooks): a hook of the supervisor's own
     * would run alongside them and sync before their last commits.
     */
    public void stop() {
        stop(settings.stopTimeout());
    }

    /** {@link #stop()} with another wait for the final sync than the configured stop timeout. */
    public void stop(Duration finalSyncTimeout) {
        synchronized (stopLock) {
            Attempt attempt;
            synchronized (lock) {
                if (!started || stopping) {
                    return;
                }
                stopping = true;
                attempt = current;
                if (state == SupervisorState.BACKOFF && watcher != null) {
                    watcher.interrupt();
                }
            }
            try {
                if (attempt != null && attempt.isResync()) { // being replaced (resync, stall, a database to add)
                    attempt.stop(Duration.ZERO, finalSyncTimeout);
                    attempt = null;
                }
                // None running (backoff, between a planned restart and its relaunch), or one without a
                // database that now has data: a Litestream with every database does the final sync.
                boolean added = settings.launchPlan().changed(true); // always asked: it makes them ready
                if (attempt == null || added) {
                    attempt = relaunchForFinalSync(attempt, finalSyncTimeout);
                }
                if (attempt != null) {
                    attempt.stop(settings.startGrace(), finalSyncTimeout);
                }
                Thread w = watcher;
                if (w != null) {
                    w.join(WATCHER_JOIN.toMillis());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                LOG.warn("Interrupted while stopping Litestream; killing it");
                if (attempt != null) {
                    attempt.child().killTree();
                }
            } finally {
                releaseAll();
                setState(SupervisorState.STOPPED, null);
            }
        }
    }

    @Override
    public void close() {
        stop();
    }

    public SupervisorStatus status() {
        synchronized (lock) {
            return new SupervisorStatus(settings.name(), state,
                    current == null ? OptionalLong.empty() : OptionalLong.of(current.child().pid()),
                    restartCount, resyncCount, lastExitCode == null ? OptionalInt.empty() : OptionalInt.of(lastExitCode),
                    Optional.ofNullable(lastError), tail.snapshot(), lastUploads);
        }
    }

    /** The command line Litestream runs with. */
    public List<String> command() {
        return command;
    }

    /** Nothing was taken: start() may be tried again. */
    private void notStarted() {
        synchronized (lock) {
            started = false;
        }
    }

    /** Keeps the previous run's output as litestream.log.1 (useful after a crash) and starts empty. */
    private static void rotate(Path log) throws IOException {
        if (Files.exists(log)) {
            Files.move(log, log.resolveSibling(log.getFileName() + ".1"), StandardCopyOption.REPLACE_EXISTING);
        }
        Files.createFile(log);
    }

    /** No database is ready: no Litestream until one is (the watcher launches it). False when stopped meanwhile. */
    private boolean waitForDatabases() {
        synchronized (lock) {
            if (stopping) {
                return false;
            }
            setState(SupervisorState.WAITING, null);
            return true;
        }
    }

    /**
     * At the final stop, no Litestream runs (backoff, a planned restart under way), or a database
     * became ready that the running one does not replicate (an application that created it and
     * exits at once): the running one syncs what it has, and a Litestream with every ready
     * database takes over for the final sync. Null when no database is ready.
     */
    private Attempt relaunchForFinalSync(Attempt running, Duration finalSyncTimeout) throws InterruptedException {
        if (running != null) {
            running.markResync();
            running.stop(settings.startGrace(), finalSyncTimeout);
        }
        try {
            return launchNow(false);
        } catch (IOException e) {
            LOG.error("Cannot start Litestream for the final sync of a database the application just created: {}",
                    e.getMessage());
            return null;
        }
    }

    /**
     * Launches unless a stop came first or no database is ready (then null); atomic with stop()'s
     * look at {@code current}.
     */
    private Attempt launch(boolean afterCrash) throws IOException {
        synchronized (lock) {
            return stopping ? null : launchNow(afterCrash);
        }
    }

    /** Launches Litestream with the databases the plan lists now; null when it lists none. */
    private Attempt launchNow(boolean afterCrash) throws IOException {
        synchronized (lock) {
            List<Path> databases = settings.launchPlan().prepare();
            if (databases.isEmpty()) {
                return null;
            }
            ChildProcess child = launcher.launch(spec);
            stall.launched();
            if (afterCrash) {
                restartCount++;
            }
            current = new Attempt(child, clock.nanoTime(), databases);
            errorsWhileStopping = 0;
            try {
                guard.recordPid(child.pid(), command);
            } catch (IOException e) { // only orphan detection needs it: keep replicating
                LOG.warn("Cannot write the pid file of Litestream (pid {}): {}", child.pid(), e.toString());
            }
            setState(SupervisorState.STARTING, null);
            return current;
        }
    }

    /** The watcher thread: waits for each child's exit and decides what comes next. */
    private void watch(Attempt first) {
        try {
            Attempt attempt = first != null ? first : launchOnceReady();
            while (attempt != null) {
                int exitCode = awaitExit(attempt);
                Duration delay = afterExit(attempt, exitCode);
                attempt = delay == null ? null : relaunchAfter(delay, !attempt.isResync());
            }
        } catch (InterruptedException e) {
            LOG.debug("Supervisor '{}' watcher ends: stopped", settings.name());
        } catch (RuntimeException e) {
            // a bug, not a Litestream failure: say so loudly instead of leaving the child unwatched
            LOG.error("Supervisor '{}' stopped watching Litestream after an unexpected error", settings.name(), e);
            setState(SupervisorState.FAILED, "supervisor error: " + e);
        }
    }

    /** Waits until the plan has a database for Litestream, then launches it; null when stopped first. */
    private Attempt launchOnceReady() throws InterruptedException {
        while (!settings.launchPlan().changed(false)) {
            clock.sleep(READY_POLL);
            synchronized (lock) {
                if (stopping) {
                    return null;
                }
            }
        }
        return relaunchAfter(Duration.ZERO, false);
    }

    private int awaitExit(Attempt attempt) throws InterruptedException {
        // Polling lets the child remember its descendants (the -exec tail) and shows when it is up.
        while (!attempt.child().waitFor(WATCH_POLL)) {
            if (!attempt.wasUp() && attempt.checkUp()) {
                markRunning(attempt);
            }
            // Once this one has opened its databases (so each restart syncs them), add the newly ready ones.
            if (attempt.wasUp() && !attempt.isResync() && settings.launchPlan().changed(false)) {
                attempt.markResync(); // a planned restart: no backoff, no crash
                attempt.stop(Duration.ZERO, settings.stopTimeout());
                continue;
            }
            if (attempt.wasUp() && !attempt.isResync()) {
                long now = clock.nanoTime();
                Optional<Duration> stalled = stall.stalled(now);
                if (stalled.isPresent()) {
                    restartStalled(attempt, stalled.get());
                } else if (resync.due(now)) {
                    restartToResync(attempt);
                }
            }
        }
        follower.drain(); // the last lines, which tell why it ended
        attempt.child().killTree(); // a leftover -exec tail, re-parented once Litestream died
        return attempt.child().exitCode();
    }

    /** Graceful stop (final sync); the watcher then relaunches at once, and the new Litestream syncs what is pending. */
    private void restartToResync(Attempt attempt) throws InterruptedException {
        long waited = resync.currentWait().toMillis();
        resync.restarted(clock.nanoTime());
        if (!plannedRestartSinceUpload()) {
            LOG.warn("Litestream logged replication errors, then nothing for {} ms and no upload since: restarting it "
                    + "gracefully so it syncs what was written meanwhile (Litestream 0.3 retries only on the next write); "
                    + "while uploads keep failing it is restarted every {} ms at most", waited,
                    settings.resyncPolicy().maxWait().toMillis());
        } else { // an outage that lasts: one WARN for it, not one per try
            LOG.debug("Resync restart: still no upload {} ms after the last error", waited);
        }
        plannedRestart(attempt, settings.stopTimeout());
    }

    /** A stuck Litestream may not end on SIGTERM: it gets a short wait, as its successor resumes from the WAL. */
    private void restartStalled(Attempt attempt, Duration stuckFor) throws InterruptedException {
        Duration wait = settings.stopTimeout().compareTo(STUCK_STOP_WAIT) < 0 ? settings.stopTimeout() : STUCK_STOP_WAIT;
        stall.restartedForStall();
        LOG.error("Litestream began an upload to a replica {} ms ago and has neither finished nor failed it: it is stuck "
                + "and replicates nothing more until restarted (seen with an unwritable replica directory and with an "
                + "endpoint that never answers); restarting it (SIGTERM, SIGKILL after {} ms)", stuckFor.toMillis(),
                wait.toMillis());
        plannedRestart(attempt, wait);
    }

    private boolean plannedRestartSinceUpload() {
        synchronized (lock) {
            return plannedSinceUpload > 0;
        }
    }

    /** Not a crash: the watcher relaunches at once, without backoff or crash-loop count. */
    private void plannedRestart(Attempt attempt, Duration stopWait) throws InterruptedException {
        attempt.markResync();
        synchronized (lock) {
            resyncCount++;
            plannedSinceUpload++;
        }
        attempt.stop(Duration.ZERO, stopWait);
    }

    private void markRunning(Attempt attempt) {
        synchronized (lock) {
            if (current == attempt && state == SupervisorState.STARTING) {
                setState(SupervisorState.RUNNING, null);
            }
        }
    }

    /** Records the exit; the delay before the next start, or null when there is none (stopping, gave up). */
    private Duration afterExit(Attempt attempt, int exitCode) {
        long now = clock.nanoTime();
        synchronized (lock) {
            if (current == attempt) { // at a final stop, a Litestream for the final sync may have taken over
                current = null;
            }
            lastExitCode = exitCode;
            if (stopping) {
                logFinalExit(attempt.child().pid(), exitCode);
                return null;
            }
        }
        if (attempt.isResync()) { // planned, not a crash: no backoff, no crash-loop count
            LOG.debug("Litestream (pid {}) stopped for a resync with exit code {}; starting it again",
                    attempt.child().pid(), exitCode);
            return Duration.ZERO;
        }
        RestartTracker.Decision decision = tracker.onExit(attempt.startedNanos(), now);
        String error = "Litestream exited unexpectedly with code " + exitCode + " after "
                + Duration.ofNanos(now - attempt.startedNanos()).toMillis() + " ms";
        if (decision.crashLoopBegins()) {
            RestartPolicy policy = settings.restartPolicy();
            LOG.error("Litestream is crash-looping ({} exits within {} ms): last exit code {}; {}. Last output:\n  {}",
                    policy.crashLoopCount(), policy.crashLoopWindow().toMillis(), exitCode,
                    policy.giveUpOnCrashLoop() ? "giving up" : "retrying every " + policy.maxDelay().toMillis() + " ms",
                    lastLines());
        }
        if (decision.giveUp()) {
            setState(SupervisorState.FAILED, error + "; gave up after a crash loop");
            return null;
        }
        LOG.warn("{}; restarting in {} ms", error, decision.delay().toMillis());
        return backoff(error) ? decision.delay() : null;
    }

    /** Enters BACKOFF unless a stop came first. */
    private boolean backoff(String error) {
        synchronized (lock) {
            if (stopping) {
                return false;
            }
            setState(SupervisorState.BACKOFF, error);
            return true;
        }
    }

    /** Sleeps, then launches again; a launch that fails counts as an immediate exit. Null when stopped. */
    private Attempt relaunchAfter(Duration delay, boolean afterCrash) throws InterruptedException {
        Duration wait = delay;
        while (true) {
            clock.sleep(wait);
            try {
                return launch(afterCrash);
            } catch (IOException e) {
                long now = clock.nanoTime();
                RestartTracker.Decision decision = tracker.onExit(now, now);
                String error = "Cannot start Litestream: " + e.getMessage();
                if (decision.giveUp()) {
                    setState(SupervisorState.FAILED, error);
                    return null;
                }
                LOG.warn("{}; retrying in {} ms", error, decision.delay().toMillis());
                if (!backoff(error)) {
                    return null;
                }
                wait = decision.delay();
            }
        }
    }

    /**
     * Litestream 0.3 exits 1 when background work its shutdown cancelled failed (a checkpoint:
     * "context canceled"), after a final sync that went well: that is no failure to report. Other
     * errors while it stopped may mean rows are missing from the replica.
     */
    private void logFinalExit(long pid, int exitCode) {
        if (exitCode == 0) {
            LOG.info("Litestream (pid {}) stopped after its final sync", pid);
        } else if (errorsWhileStopping == 0) {
            LOG.info("Litestream (pid {}) stopped after its final sync with exit code {}: only background work that its "
                    + "shutdown cancelled reported errors", pid, exitCode);
        } else {
            LOG.error("Litestream (pid {}) stopped with exit code {} and reported errors while stopping (above): rows "
                    + "committed in its last seconds may be missing from the replica until Litestream runs again", pid,
                    exitCode);
        }
    }

    /** Each line of Litestream's output: to SLF4J with its level, to the tail, and to "up" detection. */
    private void onOutput(String raw) {
        LitestreamLine line = LitestreamLine.parse(raw, settings.logMarkers());
        boolean shuttingDown;
        synchronized (lock) {
            shuttingDown = stopping || (current != null && current.isResync());
            if (shuttingDown && line.level() == LitestreamLine.Level.ERROR && !line.cancelledByShutdown()) {
                errorsWhileStopping++;
            }
        }
        line.logTo(OUTPUT, shuttingDown);
        if (line.generationReset() && explainedResets.add(line.field("db"))) {
            LOG.info("Litestream starts a new backup generation for {}: it could not continue the previous one, as the "
                    + "database changed while no Litestream followed it (after a kill, or a checkpoint meanwhile). "
                    + "Nothing is lost: its next upload is a full snapshot", line.field("db"));
        }
        tail.add(line.toString());
        long now = clock.nanoTime();
        resync.onLine(line, now);
        stall.onLine(line, now);
        if (line.uploadDone()) {
            if (!line.field("db").isEmpty()) {
                lastUploads.put(line.field("db"), clock.now());
            }
            int planned;
            synchronized (lock) {
                planned = plannedSinceUpload;
                plannedSinceUpload = 0;
            }
            if (planned > 0) {
                LOG.info("Litestream finished an upload after {} planned restart(s): replication recovered", planned);
            }
        }
        Attempt attempt;
        synchronized (lock) {
            attempt = current;
        }
        if (attempt != null) {
            attempt.observe(line);
        }
    }

    private String lastLines() {
        List<String> lines = tail.snapshot();
        return lines.isEmpty() ? "(none)" : String.join("\n  ", lines);
    }

    private void releaseAll() {
        LogFollower f = follower;
        if (f != null) {
            try {
                f.close();
            } catch (IOException e) {
                LOG.debug("Closing the output follower failed: {}", e.toString());
            }
        }
        guard.release();
        mbean.unregister();
    }

    /** Changes state (and error, when given) and logs the new status. Caller may hold {@code lock}. */
    private void setState(SupervisorState newState, String error) {
        SupervisorStatus status;
        synchronized (lock) {
            state = newState;
            if (error != null) {
                lastError = error;
            }
            status = status();
        }
        if (newState == SupervisorState.FAILED) {
            LOG.error("{}", status);
        } else {
            LOG.info("{}", status);
        }
    }
}
