package dev.litestreamagent.supervisor.process;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/** A started child as the supervisor sees it. */
public interface ChildProcess {
    long pid();

    /** Waits up to {@code timeout}; true when the child has exited. */
    boolean waitFor(Duration timeout) throws InterruptedException;

    /** The exit code; only after {@link #waitFor} returned true. */
    int exitCode();

    /** The files the child has open (Linux /proc/PID/fd); empty when that cannot be known. */
    Optional<Set<Path>> openFiles();

    /** SIGTERM: Litestream's graceful shutdown with a final sync (never SIGHUP or SIGQUIT: they skip it). */
    void terminate();

    /**
     * SIGKILL to the child and every descendant seen while it ran, which also ends a leftover
     * {@code -exec} helper after the child itself has died.
     */
    void killTree();
}
