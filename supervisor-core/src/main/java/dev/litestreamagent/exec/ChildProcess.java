package dev.litestreamagent.exec;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/** A child this JVM started. */
public interface ChildProcess extends Stoppable {
    /**
     * {@link #waitFor}, for a caller that waits once and kills the tree when the time is up: without the look
     * for descendants that {@link #waitFor} may take (reading every process's /proc entry, ~4 ms on a loaded
     * machine), as {@link #killTree} looks itself while the child still runs.
     */
    default boolean waitOnce(Duration timeout) throws InterruptedException {
        return waitFor(timeout);
    }

    /** The exit code; only after {@link #waitFor} returned true. */
    int exitCode();

    /** The files the child has open (Linux /proc/PID/fd); empty when that cannot be known. */
    Optional<Set<Path>> openFiles();

    /**
     * What a child launched with {@link Output#captured} printed, up to its limit; complete once
     * it has exited. Empty for the other outputs.
     */
    default String output() {
        return "";
    }
}
