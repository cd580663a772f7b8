package dev.litestreamagent.exec;

import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/** A child this JVM started. */
public interface ChildProcess extends Stoppable {
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
