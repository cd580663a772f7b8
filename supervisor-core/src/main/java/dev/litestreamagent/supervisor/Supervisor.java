package dev.litestreamagent.supervisor;

import dev.litestreamagent.exec.ChildProcess;
import dev.litestreamagent.exec.ProcessLauncher;
import dev.litestreamagent.exec.SystemProcessLauncher;
import dev.litestreamagent.supervisor.log.LitestreamLine;
import dev.litestreamagent.supervisor.log.LogFollower;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
    private static final Duration WATCHER_JOIN = Duration.ofSeconds(5);

    private final SupervisorSettings settings;
    private final ProcessLauncher launcher;
    private final Clock clock;
    private final DoubleSupplier random;
    private final PlannedRestarts planned;
    private final OutputRelay output;
    private final StatusBoard board;
    private final List<String> command;
    private final ReplicatorGuard guard;
    private final StatusMBean mbean;
    private final Object stopLock = new Object();
    private final Object lock = new Object();

    // guarded by lock
    private Attempt current;
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
        this.random = random;
        this.planned = new PlannedRestarts(settings, clock);
        this.output = new OutputRelay(settings.logMarkers(), settings.outputMask(), clock);
        this.board = new StatusBoard(settings.name(), planned, output);
        this.command = ReplicateCommand.of(settings);
        this.guard = new ReplicatorGuard(settings.databases());
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
            Path log = guard.freshLogFile();
            follower = new LogFollower(log, settings.maxLogBytes(), this::onOutput, "litestream-output-" + settings.name());
            follower.start();
            Attempt first = launch(false);
            if (first == null && !waitForDatabases()) { // stopped meanwhile from another thread
                abortStart();
                return;
            }
            mbean.register(settings.name());
            watcher = new Thread(new Watcher(this, settings, clock, random, planned, output, follower, first),
                    "litestream-supervisor-" + settings.name());
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
     * Graceful stop: waits (at most half the stop timeout, at least startGrace) until a just-launched
     * Litestream has finished opening its databases, sends SIGTERM, waits stopTimeout for its final sync, then kills it and its
     * descendants. Releases the locks. Idempotent. The owner calls it when the JVM exits (the
     * agent does so after the application's own shutdown hooks): a hook of the supervisor's own
     * would run alongside them and sync before their last commits.
     */
    public void stop() {
        stop(settings.stopTimeout());
    }

    /** {@link #stop()} with another wait for the final sync than the configured stop timeout. */
    public void stop(Duration finalSyncTimeout) {
        stop(finalSyncTimeout, () -> { });
    }

    /**
     * {@link #stop(Duration)} that runs {@code beforeFinalSync} once the Litestream doing the final sync
     * has opened its databases, right before its SIGTERM (not before a Litestream that is only replaced
     * for the final sync): the owner can hold the application's writers back there, because Litestream
     * no longer needs SQLite's write lock to open a database.
     */
    public void stop(Duration finalSyncTimeout, Runnable beforeFinalSync) {
        synchronized (stopLock) {
            Attempt attempt;
            synchronized (lock) {
                if (!started || stopping) {
                    return;
                }
                stopping = true;
                attempt = current;
                if (board.state() == SupervisorState.BACKOFF && watcher != null) {
                    watcher.interrupt();
                }
            }
            // One timeout for the whole stop, however many Litestreams it takes: the waits are real waits on children.
            long deadline = System.nanoTime() + finalSyncTimeout.toNanos();
            try {
                if (attempt != null && !attempt.claimForFinalStop()) { // being replaced (resync, stall, a database to add)
                    attempt.stop(Duration.ZERO, finalSyncTimeout);
                    attempt = null;
                }
                // None running (backoff, between a planned restart and its relaunch), or one without a
                // database that now has data: a Litestream with every database does the final sync.
                boolean added = settings.launchPlan().changed(true); // always asked: it makes them ready
                Duration syncTimeout = finalSyncTimeout;
                if (attempt == null || added) {
                    attempt = relaunchForFinalSync(attempt, deadline);
                    syncTimeout = left(deadline);
                }
                if (attempt != null) {
                    attempt.stop(openWait(syncTimeout), syncTimeout, beforeFinalSync);
                }
                Thread w = watcher;
                if (w != null) {
                    w.join(WATCHER_JOIN.toMillis());
                }
                if (attempt != null) {
                    recordFinalExit(attempt);
                    attempt = syncAgainAfterCloseRace(attempt, deadline);
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
            return board.snapshot(current);
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
     * How long the final stop waits for Litestream to finish opening its databases: a database it has
     * not opened gets no final sync. At least startGrace; up to half the final sync's time, since
     * on a loaded machine Litestream's first open (a monitor interval after its start) can take longer.
     */
    private Duration openWait(Duration finalSyncTimeout) {
        Duration half = finalSyncTimeout.dividedBy(2);
        return half.compareTo(settings.startGrace()) > 0 ? half : settings.startGrace();
    }

    /**
     * At the final stop, no Litestream runs (backoff, a planned restart under way), or a database
     * became ready that the running one does not replicate (an application that created it and
     * exits at once): the running one syncs what it has, and a Litestream with every ready
     * database takes over for the final sync. Null when no database is ready, or when the stop
     * timeout is used up (a Litestream that had to be killed: its successor would meet the same
     * replica, and the exit must not wait a second stop timeout).
     */
    private Attempt relaunchForFinalSync(Attempt running, long deadline) throws InterruptedException {
        if (running != null) {
            running.replacedForFinalSync();
            running.stop(settings.startGrace(), left(deadline));
        }
        if (left(deadline).isZero()) {
            LOG.error("The stop timeout was used up before the final sync: rows committed since the last upload stay "
                    + "only in the local file of {} until Litestream runs again", settings.databases());
            return null;
        }
        try {
            return launchNow(false);
        } catch (IOException e) {
            LOG.error("Cannot start Litestream for a final sync: {}", e.getMessage());
            return null;
        }
    }

    /**
     * Litestream 0.3.13 exits 1 when its close raced its own replica sync ({@link OutputRelay#exitCodeFromCloseRace}):
     * one more Litestream syncs every database again from the WAL it shadows, and its exit is the stop's verdict
     * (the writers are still held). Seen in about 1 of 80 stops right after a fast writer; a wait before every
     * SIGTERM until the replica syncs look idle would cost each stop up to a sync interval, this costs only those.
     * Returns the Litestream that ran last (the one whose exit stands).
     */
    private Attempt syncAgainAfterCloseRace(Attempt stopped, long deadline) throws InterruptedException {
        if (!stopped.child().waitFor(Duration.ZERO) || !output.exitCodeFromCloseRace(stopped.child().exitCode())) {
            return stopped;
        }
        Attempt again = relaunchForFinalSync(null, deadline);
        if (again == null) {
            return stopped;
        }
        Duration left = left(deadline);
        again.stop(openWait(left), left);
        recordFinalExit(again);
        return again;
    }

    private static Duration left(long deadline) {
        long nanos = deadline - System.nanoTime();
        return nanos > 0 ? Duration.ofNanos(nanos) : Duration.ZERO;
    }

    /** The final Litestream's exit, unless the watcher recorded it (it does not follow one the stop launched). */
    private void recordFinalExit(Attempt attempt) throws InterruptedException {
        if (!attempt.child().waitFor(Duration.ZERO)) {
            return; // not even SIGKILL ended it within its wait: the kill was logged
        }
        synchronized (lock) {
            if (current == attempt) {
                current = null;
                board.exited(attempt.child().exitCode());
                output.logFinalExit(attempt.child().pid(), attempt.child().exitCode(), attempt.databases());
            }
        }
    }

    /**
     * Launches unless a stop came first or no database is ready (then null); atomic with stop()'s
     * look at {@code current}.
     */
    Attempt launch(boolean afterCrash) throws IOException {
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
            ChildProcess child = launcher.launch(ReplicateCommand.spec(command, databases, settings, guard.logFile()));
            planned.launched();
            if (afterCrash) {
                board.restarted();
            }
            current = new Attempt(child, clock.nanoTime(), databases);
            output.launched();
            try {
                guard.recordPid(child.pid(), command);
            } catch (IOException e) { // only orphan detection needs it: keep replicating
                LOG.warn("Cannot write the pid file of Litestream (pid {}): {}", child.pid(), e.toString());
            }
            setState(SupervisorState.STARTING, null);
            return current;
        }
    }

    void markRunning(Attempt attempt) {
        synchronized (lock) {
            if (current == attempt && board.state() == SupervisorState.STARTING) {
                setState(SupervisorState.RUNNING, null);
            }
        }
    }

    /** Records the exit; true when stopping (then the exit is logged as the final one). */
    boolean exited(Attempt attempt, int exitCode) {
        synchronized (lock) {
            boolean last = current == attempt; // at a final stop, a Litestream for the final sync may have taken over
            if (last) {
                current = null;
            }
            board.exited(exitCode);
            if (stopping) {
                if (last) {
                    output.logFinalExit(attempt.child().pid(), exitCode, attempt.databases());
                }
                return true;
            }
            return false;
        }
    }

    boolean isStopping() {
        synchronized (lock) {
            return stopping;
        }
    }

    void failed(String error) {
        setState(SupervisorState.FAILED, error);
    }

    /** Enters BACKOFF unless a stop came first. */
    boolean backoff(String error) {
        synchronized (lock) {
            if (stopping) {
                return false;
            }
            setState(SupervisorState.BACKOFF, error);
            return true;
        }
    }

    /** Each line of Litestream's output: to SLF4J with its level, to the planned restarts, and to "up" detection. */
    private void onOutput(String raw) {
        boolean shuttingDown;
        synchronized (lock) {
            shuttingDown = stopping || (current != null && current.isResync());
        }
        LitestreamLine line = output.relay(raw, shuttingDown);
        planned.onLine(line);
        Attempt attempt;
        synchronized (lock) {
            attempt = current;
        }
        if (attempt != null) {
            attempt.observe(line);
        }
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
        synchronized (lock) {
            board.set(newState, error, current);
        }
    }
}
