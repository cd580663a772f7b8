package dev.litestreamagent.supervisor;

import dev.litestreamagent.exec.CommandLines;
import dev.litestreamagent.exec.GracefulStop;
import dev.litestreamagent.exec.ProcessTree;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Stops a replicator left behind by an earlier run, but only when the live process proves it is ours. */
final class Orphans {
    private static final Logger LOG = LoggerFactory.getLogger(Orphans.class);

    private Orphans() {
    }

    /**
     * Stops {@code pid} ({@link GracefulStop} with {@code timeout}, then its descendants) if
     * {@link OurReplicator} proves it is a replicate we launched with {@code ourCommand}; any other
     * process (a reused pid, a forged pid file) is left alone.
     *
     * @return true when an orphan was found and stopped
     */
    static boolean stopIfOurs(long pid, List<String> ourCommand, Duration timeout) throws InterruptedException {
        // adopted first: the handle knows the start time, so the pid cannot be reused after the proof
        Optional<ProcessTree> orphan = ProcessTree.adopt(pid);
        if (orphan.isEmpty()) {
            return false;
        }
        Optional<String> whyNot = OurReplicator.whyNot(pid, ourCommand);
        if (whyNot.isPresent()) {
            LOG.debug("The pid file names pid {}, which is left alone: {}", pid, whyNot.get());
            return false;
        }
        LOG.warn("Stopping a Litestream left behind by an earlier run (pid {}): {}", pid,
                CommandLines.of(pid).orElse(ourCommand));
        GracefulStop.stop(orphan.get(), timeout, (stuck, ignoredFor) ->
                LOG.warn("The leftover Litestream (pid {}) ignored SIGTERM for {}; killing it", stuck, ignoredFor));
        orphan.get().killTree(); // its -exec helper, re-parented once it died
        return true;
    }
}
