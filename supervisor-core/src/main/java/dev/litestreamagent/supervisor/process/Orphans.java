package dev.litestreamagent.supervisor.process;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Stops a replicator left behind by an earlier run, but only when its command line proves it is ours. */
public final class Orphans {
    private static final Logger LOG = LoggerFactory.getLogger(Orphans.class);

    private Orphans() {
    }

    /**
     * Stops {@code pid} (SIGTERM, then SIGKILL of it and its descendants after {@code timeout}) if it
     * still runs exactly {@code command}; a pid reused by another program is left alone.
     *
     * @return true when an orphan was found and stopped
     */
    public static boolean stopIfOurs(long pid, List<String> command, Duration timeout) throws InterruptedException {
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        Optional<List<String>> running = CommandLines.of(pid);
        if (!handle.isPresent() || !running.isPresent() || !running.get().equals(command)) {
            return false;
        }
        LOG.warn("Stopping a Litestream left behind by an earlier run (pid {}): {}", pid, command);
        ProcessHandle orphan = handle.get();
        List<ProcessHandle> descendants = orphan.descendants().collect(java.util.stream.Collectors.toList());
        orphan.destroy();
        try {
            orphan.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.warn("The leftover Litestream (pid {}) ignored SIGTERM for {}; killing it", pid, timeout);
            orphan.destroyForcibly();
        } catch (ExecutionException e) {
            throw new IllegalStateException("waiting for pid " + pid + " failed", e);
        }
        descendants.forEach(ProcessHandle::destroyForcibly);
        return true;
    }
}
