package dev.litestreamagent.verify;

import java.util.Optional;

/**
 * A cheap look at a replica that changes when something is stored there, so that verify restores
 * as soon as an upload lands instead of on a timer (each restore is a process and a full download).
 */
public interface ReplicaWatch {
    /** For replicas no cheap look can see into: verify restores on its backoff. */
    ReplicaWatch NONE = Optional::empty;

    /**
     * The replica's state now, as an opaque value that differs from an earlier one once something
     * was stored in between; empty when the look cannot tell.
     */
    Optional<String> state();
}
