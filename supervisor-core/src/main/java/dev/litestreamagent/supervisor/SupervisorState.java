package dev.litestreamagent.supervisor;

/** Where the supervised Litestream is in its life. */
public enum SupervisorState {
    /** Launched, not yet replicating every database. */
    STARTING,
    /** Litestream has opened every database. */
    RUNNING,
    /** Litestream exited unexpectedly; waiting before the next start. */
    BACKOFF,
    /** Given up after a crash loop (or the binary cannot be launched and the policy gives up). */
    FAILED,
    /** Not started yet, or stopped. */
    STOPPED
}
