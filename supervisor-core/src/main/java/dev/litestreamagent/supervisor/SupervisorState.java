package dev.litestreamagent.supervisor;

/** Where the supervised Litestream is in its life. */
public enum SupervisorState {
    /** Started; no database is ready for Litestream yet (none has a settled schema), so none runs. */
    WAITING,
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
