package dev.litestreamagent.supervisor;

import dev.litestreamagent.exec.CommandLines;
import dev.litestreamagent.exec.GracefulStop;
import dev.litestreamagent.exec.ProcessTree;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Stops a replicator left behind by an earlier run, but only when its command line proves it is ours. */
final class Orphans {
    private static final Logger LOG = LoggerFactory.getLogger(Orphans.class);

    private Orphans() {
    }

    /**
     * Stops {@code pid} ({@link GracefulStop} with {@code timeout}, then its descendants) if it
     * still runs exactly {@code command}; a pid reused by another program is left alone.
     *
     * @return true when an orphan was found and stopped
     */
    static boolean stopIfOurs(long pid, List<String> command, Duration timeout) throws InterruptedException {
        Optional<ProcessTree> orphan = ProcessTree.adopt(pid);
        Optional<List<String>> running = CommandLines.of(pid);
        if (!orphan.isPresent() || !running.isPresent() || !running.get().equals(command)) {
            return false;
        }
        LOG.warn("Stopping a Litestream left behind by an earlier run (pid {}): {}", pid, command);
        GracefulStop.stop(orphan.get(), timeout, (stuck, ignoredFor) ->
                LOG.warn("The leftover Litestream (pid {}) ignored SIGTERM for {}; killing it", stuck, ignoredFor));
        orphan.get().killTree(); // its -exec helper, re-parented once it died
        return true;
    }
}
