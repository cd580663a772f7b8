package dev.litestreamagent.exec;

import java.time.Duration;

/**
 * The one way a process is stopped: SIGTERM, up to a timeout for it to end (Litestream's final
 * sync), then SIGKILL to it and its remembered descendants.
 */
public final class GracefulStop {
    /** How long a SIGKILLed process may take to be gone. */
    static final Duration KILL_WAIT = Duration.ofSeconds(5);

    /** Told when SIGTERM was not enough, just before the kill (callers log it in their words). */
    public interface Listener {
        void killing(long pid, Duration ignoredFor);
    }

    private GracefulStop() {
    }

    /** @return true when it ended within {@code timeout} of SIGTERM, false when it was killed */
    public static boolean stop(Stoppable process, Duration timeout, Listener listener) throws InterruptedException {
        process.terminate();
        if (process.waitFor(timeout)) {
            return true;
        }
        listener.killing(process.pid(), timeout);
        kill(process);
        return false;
    }

    /** SIGKILL to the process and its descendants, and a bounded wait until it is gone. */
    public static void kill(Stoppable process) throws InterruptedException {
        process.killTree();
        process.waitFor(KILL_WAIT);
    }
}
