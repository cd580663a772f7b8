package dev.litestreamagent.runtime;

import dev.litestreamagent.binary.BinaryException;
import dev.litestreamagent.config.AgentConfig;
import dev.litestreamagent.config.ConfigException;
import dev.litestreamagent.config.DatabaseConfig;
import dev.litestreamagent.exec.ProcessLauncher;
import dev.litestreamagent.exec.ProcessRunner;
import dev.litestreamagent.replica.ReplicaProbe;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Restore on start: every database marked for it whose file is missing is restored from its
 * replica before the application opens it, several at a time. A replica seen to be empty
 * ({@link ReplicaProbe}) needs no Litestream at all: a first deploy starts without spawning one.
 * Otherwise Litestream restores ({@code -if-db-not-exists -if-replica-exists}: a first run with an
 * empty replica is not an error), Go's collector held off while it runs ({@link RestoreEnvironment}). Bounded by one deadline: a hung endpoint makes
 * {@code litestream restore} hang, so it is killed when the time is up.
 */
public final class StartupRestore {
    private static final Logger LOG = LoggerFactory.getLogger(StartupRestore.class);
    /** Each restore mostly waits on the replica; more than this only adds Go runtimes competing for the cores. */
    private static final int PARALLEL = 8;
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);

    /** The binary, its version and the rendered config: prepared only when a restore needs Litestream. */
    public interface SetupSource {
        LitestreamSetup get() throws BinaryException, ConfigException;
    }

    private final AgentConfig config;
    private final SetupSource setups;
    private final ProcessRunner runner;
    private final ReplicaProbe probe;
    private final Map<String, String> inherited;

    public StartupRestore(AgentConfig config, SetupSource setups, ProcessLauncher launcher, ReplicaProbe probe) {
        this(config, setups, launcher, probe, System.getenv());
    }

    /** @param inherited the environment the restores inherit from this JVM (tests: a stand-in) */
    StartupRestore(AgentConfig config, SetupSource setups, ProcessLauncher launcher, ReplicaProbe probe,
            Map<String, String> inherited) {
        this.config = config;
        this.setups = setups;
        this.runner = new ProcessRunner(launcher);
        this.probe = probe;
        this.inherited = inherited;
    }

    /**
     * Looks at each candidate's replicas and restores at once those that may hold something, at most
     * {@value #PARALLEL} at a time (20 databases take about the time of 3 rather than of 20), all within
     * {@code litestream.restore-timeout}. The first database that needs Litestream prepares it (binary, version,
     * config) while the other replicas are still being looked at.
     *
     * @throws RestoreFailedException naming every database that failed and Litestream's last words
     */
    public void run() throws RestoreFailedException, InterruptedException {
        List<DatabaseConfig> missing = RestoreCandidates.of(config);
        if (missing.isEmpty()) {
            return;
        }
        long started = System.nanoTime();
        long deadline = started + config.restoreTimeout().toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(PARALLEL, missing.size()), runnable -> {
            Thread thread = new Thread(runnable, "litestream-agent-restore");
            thread.setDaemon(true); // never holds the JVM
            return thread;
        });
        try (RestoreSetup shared = new RestoreSetup(setups, inherited)) {
            List<Future<Outcome>> futures = new ArrayList<>();
            for (DatabaseConfig db : missing) {
                futures.add(pool.submit(() -> restoreIfReplicated(shared, db, deadline)));
            }
            List<String> empty = new ArrayList<>();
            List<String> unprepared = new ArrayList<>();
            List<String> failures = new ArrayList<>();
            for (int i = 0; i < missing.size(); i++) {
                try {
                    // each task ends by the deadline: a restore's process is killed then
                    Outcome outcome = futures.get(i).get();
                    if (outcome == Outcome.EMPTY) {
                        empty.add(missing.get(i).alias());
                    } else if (outcome == Outcome.UNPREPARED) {
                        unprepared.add(missing.get(i).alias());
                    }
                } catch (ExecutionException e) {
                    failures.add(e.getCause().getMessage());
                }
            }
            if (!unprepared.isEmpty()) {
                failures.add(0, "cannot restore " + String.join(", ", unprepared) + ": " + shared.get().failure);
            }
            if (!failures.isEmpty()) {
                throw new RestoreFailedException(String.join("\n", failures));
            }
            if (!empty.isEmpty()) {
                LOG.info("No replica yet of {}: {} empty ({} ms)", String.join(", ", empty),
                        empty.size() == 1 ? "it starts" : "they start", (System.nanoTime() - started) / 1_000_000);
            }
        } catch (IOException e) {
            LOG.debug("Cannot delete the restore's Litestream config: {}", e.toString());
        } finally {
            pool.shutdownNow();
        }
    }

    /** What became of one missing database. */
    private enum Outcome { RESTORED, EMPTY, UNPREPARED }

    private Outcome restoreIfReplicated(RestoreSetup shared, DatabaseConfig db, long deadline)
            throws RestoreFailedException, InterruptedException {
        if (probe.probe(db, probeTimeout(deadline)) == ReplicaProbe.Answer.EMPTY) {
            return Outcome.EMPTY;
        }
        RestoreSetup.Prepared prepared = shared.get();
        if (prepared.failure != null) {
            return Outcome.UNPREPARED;
        }
        return new DatabaseRestore(prepared, runner, config.restoreTimeout()).restore(db, deadline)
                ? Outcome.RESTORED : Outcome.EMPTY;
    }

    /** A hung endpoint must leave Litestream's restore most of the time. */
    private static Duration probeTimeout(long deadline) {
        Duration half = Duration.ofNanos(Math.max(0, deadline - System.nanoTime())).dividedBy(2);
        return half.compareTo(PROBE_TIMEOUT) < 0 ? half : PROBE_TIMEOUT;
    }

    /** A restore on start that failed or timed out; the message says which database and why. */
    public static final class RestoreFailedException extends Exception {
        private static final long serialVersionUID = 1L;

        RestoreFailedException(String message) {
            super(message);
        }
    }
}
