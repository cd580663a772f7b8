package dev.litestreamagent.supervisor;

/**
 * The supervisor's status in JMX, registered as
 * {@code dev.litestreamagent:type=Supervisor,name=<name>} while it runs.
 */
public interface SupervisorMBean {
    String getName();

    /** STARTING, RUNNING, BACKOFF, FAILED or STOPPED. */
    String getState();

    /** Litestream's pid, -1 when none runs. */
    long getPid();

    /** Restarts after unexpected exits. */
    int getRestartCount();

    /** Planned restarts that made Litestream upload what a replication outage left pending. */
    int getResyncCount();

    /** The last exit code, null before the first exit. */
    Integer getLastExitCode();

    /** The last error, null when none. */
    String getLastError();

    /** Litestream's most recent output lines, oldest first. */
    String[] getLastOutputLines();

    String[] getDatabases();
}
