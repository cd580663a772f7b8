package dev.litestreamagent.runtime;

import dev.litestreamagent.binary.BinaryException;
import dev.litestreamagent.config.AgentConfig;
import dev.litestreamagent.config.ConfigException;
import dev.litestreamagent.config.DatabaseConfig;
import dev.litestreamagent.exec.Output;
import dev.litestreamagent.exec.ProcessLauncher;
import dev.litestreamagent.exec.ProcessRunner;
import dev.litestreamagent.exec.ProcessSpec;
import dev.litestreamagent.exec.RunResult;
import dev.litestreamagent.replica.ReplicaProbe;
import dev.litestreamagent.settings.Durations;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Restore on start: every database marked for it whose file is missing is restored from its
 * replica before the application opens it, several at a time. A replica seen to be empty
 * ({@link ReplicaProbe}) needs no Litestream at all: a first deploy starts without spawning one.
 * Otherwise Litestream restores ({@code -if-db-not-exists -if-replica-exists}: a first run with an
 * empty replica is not an error). Bounded by one deadline: a hung endpoint makes
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

    public StartupRestore(AgentConfig config, SetupSource setups, ProcessLauncher launcher, ReplicaProbe probe) {
        this.config = config;
        this.setups = setups;
        this.runner = new ProcessRunner(launcher);
        this.probe = probe;
    }

    /**
     * Looks at the candidates' replicas, then restores those that may hold something, at most
     * {@value #PARALLEL} at a time (20 databases take about the time of 3 rather than of 20), all
     * within {@code litestream.restore-timeout}.
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
        try {
            List<Boolean> emptyReplica = inParallel(pool, missing, db -> probe.probe(db, probeTimeout(deadline))
                    == ReplicaProbe.Answer.EMPTY);
            List<DatabaseConfig> toRestore = new ArrayList<>();
            List<String> empty = new ArrayList<>();
            for (int i = 0; i < missing.size(); i++) {
                if (emptyReplica.get(i)) {
                    empty.add(missing.get(i).alias());
                } else {
                    toRestore.add(missing.get(i));
                }
            }
            if (!toRestore.isEmpty()) {
                empty.addAll(restoreAll(pool, toRestore, deadline));
            }
            if (!empty.isEmpty()) {
                LOG.info("No replica yet of {}: {} empty ({} ms)", String.join(", ", empty),
                        empty.size() == 1 ? "it starts" : "they start", (System.nanoTime() - started) / 1_000_000);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Restores {@code dbs} with Litestream; returns the aliases of those it found no replica for. */
    private List<String> restoreAll(ExecutorService pool, List<DatabaseConfig> dbs, long deadline)
            throws RestoreFailedException, InterruptedException {
        LitestreamSetup setup;
        try {
            setup = setups.get();
        } catch (BinaryException | ConfigException e) {
            throw new RestoreFailedException("cannot restore " + dbs.stream().map(DatabaseConfig::alias)
                    .collect(Collectors.joining(", ")) + ": " + e.getMessage());
        }
        try (GeneratedConfigFile file = GeneratedConfigFile.write(setup.rendered().yaml())) {
            List<Boolean> restored = inParallel(pool, dbs, db -> restore(setup, db, file.path(), remaining(deadline)));
            List<String> none = new ArrayList<>();
            for (int i = 0; i < dbs.size(); i++) {
                if (!restored.get(i)) {
                    none.add(dbs.get(i).alias());
                }
            }
            return none;
        } catch (IOException e) {
            throw new RestoreFailedException("cannot write the Litestream config for the restore: " + e.getMessage());
        }
    }

    /** One task for each database, results in the same order; every failure is named in one exception. */
    private static List<Boolean> inParallel(ExecutorService pool, List<DatabaseConfig> dbs, Task task)
            throws RestoreFailedException, InterruptedException {
        List<Future<Boolean>> futures = new ArrayList<>();
        for (DatabaseConfig db : dbs) {
            futures.add(pool.submit(() -> task.run(db)));
        }
        List<Boolean> results = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (Future<Boolean> future : futures) {
            try {
                results.add(future.get()); // each task ends by the deadline: a restore's process is killed then
            } catch (ExecutionException e) {
                failures.add(e.getCause().getMessage());
            }
        }
        if (!failures.isEmpty()) {
            throw new RestoreFailedException(String.join("\n", failures));
        }
        return results;
    }

    private interface Task {
        boolean run(DatabaseConfig db) throws RestoreFailedException, InterruptedException;
    }

    /** A hung endpoint must leave Litestream's restore most of the time. */
    private static Duration probeTimeout(long deadline) {
        Duration half = remaining(deadline).dividedBy(2);
        return half.compareTo(PROBE_TIMEOUT) < 0 ? half : PROBE_TIMEOUT;
    }

    private static Duration remaining(long deadline) {
        return Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
    }

    /** True when the replica had something to restore. */
    private boolean restore(LitestreamSetup setup, DatabaseConfig db, Path file, Duration remaining)
            throws RestoreFailedException, InterruptedException {
        long started = System.nanoTime();
        List<String> command = Arrays.asList(setup.binary().path().toString(), "restore", "-config", file.toString(),
                "-if-db-not-exists", "-if-replica-exists", "-o", db.path().toString(), db.path().toString());
        try {
            Files.createDirectories(db.path().toAbsolutePath().getParent());
            RunResult result = runner.run(ProcessSpec.of(command, Output.captured())
                    .withEnvironment(setup.rendered().environment()), remaining);
            if (result.timedOut()) {
                throw new RestoreFailedException("restore of '" + db.alias() + "' (" + db.path() + ") did not finish within "
                        + Durations.format(config.restoreTimeout()) + " (litestream.restore-timeout); is the replica reachable?"
                        + lastWords(setup, result.output()));
            }
            if (result.exitCode() != 0) {
                throw new RestoreFailedException("restore of '" + db.alias() + "' (" + db.path() + ") failed: litestream exited "
                        + result.exitCode() + lastWords(setup, result.output()));
            }
            if (!Files.exists(db.path())) {
                return false;
            }
            LOG.info("Restored '{}' to {} from its replica in {} ms", db.alias(), db.path(),
                    (System.nanoTime() - started) / 1_000_000);
            return true;
        } catch (IOException e) {
            throw new RestoreFailedException("cannot restore '" + db.alias() + "' (" + db.path() + "): " + e.getMessage());
        } finally {
            // Litestream 0.3 leaves these beside the restored file.
            deleteQuietly(Paths.get(db.path() + ".tmp-shm"));
            deleteQuietly(Paths.get(db.path() + ".tmp-wal"));
        }
    }

    /** Litestream's last lines, secrets masked: it prints endpoints and URLs as configured. */
    private static String lastWords(LitestreamSetup setup, String output) {
        List<String> lines = Arrays.asList(setup.rendered().outputMask().apply(output).trim().split("\n"));
        List<String> tail = lines.subList(Math.max(0, lines.size() - 5), lines.size());
        return output.trim().isEmpty() ? "" : "; its last output:\n  " + String.join("\n  ", tail);
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.debug("Cannot delete {}: {}", file, e.toString());
        }
    }

    /** A restore on start that failed or timed out; the message says which database and why. */
    public static final class RestoreFailedException extends Exception {
        private static final long serialVersionUID = 1L;

        RestoreFailedException(String message) {
            super(message);
        }
    }
}
