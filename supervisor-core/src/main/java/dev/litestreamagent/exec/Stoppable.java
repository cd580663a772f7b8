package dev.litestreamagent.exec;

import java.time.Duration;

/** A running process as {@link GracefulStop} sees it: our own child, or one adopted by pid. */
public interface Stoppable {
    long pid();

    /** Waits up to {@code timeout}; true when the process has exited. */
    boolean waitFor(Duration timeout) throws InterruptedException;

    /** SIGTERM: Litestream's graceful shutdown with a final sync (never SIGHUP or SIGQUIT: they skip it). */
    void terminate();

    /**
     * SIGKILL to the process and every descendant seen while it ran, which also ends a leftover
     * {@code -exec} helper after the process itself has died.
     */
    void killTree();
}
