package dev.litestreamagent.agent.health;

/**
 * One database in JMX, registered as {@code dev.litestreamagent:type=Database,name=<alias>} while the
 * agent replicates: the figures of its entry in {@code /health}. Times are ISO-8601 instants; an
 * attribute with nothing to report yet (no upload, no verification) is null.
 */
public interface DatabaseStatusMBean {
    String getAlias();

    String getPath();

    /** Handed to Litestream (false: waiting until the application's schema settled). */
    boolean isReplicating();

    /** When Litestream last finished an upload of it, since the agent started. */
    String getLastUploadTime();

    Double getLastUploadAgeSeconds();

    /** When the latest scheduled verification started. */
    String getLastVerifyTime();

    /** in_sync, out_of_sync, failed or skipped. */
    String getLastVerifyOutcome();

    String getLastVerifyReason();

    Double getLastVerifyDurationSeconds();

    /** When the latest in-sync scheduled verification finished. */
    String getLastVerifySuccessTime();

    long getVerifyInSyncCount();

    long getVerifyOutOfSyncCount();

    long getVerifyFailedCount();

    long getVerifySkippedCount();
}
