package dev.litestreamagent.runtime;

import dev.litestreamagent.config.AgentConfig;
import dev.litestreamagent.config.DatabaseConfig;
import dev.litestreamagent.exec.Output;
import dev.litestreamagent.exec.ProcessLauncher;
import dev.litestreamagent.exec.ProcessRunner;
import dev.litestreamagent.exec.ProcessSpec;
import dev.litestreamagent.exec.RunResult;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Restore on start: every database marked for it whose file is missing is restored from its
 * replica before the application opens it ({@code -if-db-not-exists -if-replica-exists}: a first
 * run with an empty replica is not an error), several at a time. Bounded by one deadline: a hung endpoint makes
 * {@code litestream restore} hang, so it is killed when the time is up.
 */
public final class StartupRestore {
    private static final Logger LOG = LoggerFactory.getLogger(StartupRestore.class);
    private static final int PARALLEL = 8;

    private final LitestreamSetup setup;
    private final ProcessRunner runner;

    public StartupRestore(LitestreamSetup setup, ProcessLauncher launcher) {
        this.setup = setup;
        this.runner = new ProcessRunner(launcher);
    }

    /** The databases this start would restore: marked for it and missing. */
    public List<DatabaseConfig> candidates() {
        return candidates(setup.config());
    }

    /** The databases of {@code config} that a start would restore: marked for it and missing. */
    public static List<DatabaseConfig> candidates(AgentConfig config) {
        List<DatabaseConfig> missing = new ArrayList<>();
        for (DatabaseConfig db : config.databases()) {
            if (db.restoreOnStart() && !Files.exists(db.path())) {
                missing.add(db);
            }
        }
        return missing;
    }

    /**
     * Restores the candidates in parallel (at most {@value #PARALLEL} at a time: each is mostly a
     * wait on the replica, so 20 databases take about the time of 3 rather than of 20), all within
     * {@code litestream.restore-timeout}.
     *
     * @throws RestoreFailedException naming every database that failed and Litestream's last words
     */
    public void run() throws RestoreFailedException, InterruptedException {
        List<DatabaseConfig> missing = candidates();
        if (missing.isEmpty()) {
            return;
        }
        long deadline = System.nanoTime() + setup.config().restoreTimeout().toNanos();
        try (GeneratedConfigFile config = GeneratedConfigFile.write(setup.rendered().yaml())) {
            ExecutorService pool = Executors.newFixedThreadPool(Math.min(PARALLEL, missing.size()), runnable -> {
                Thread thread = new Thread(runnable, "litestream-agent-restore");
                thread.setDaemon(true); // never holds the JVM
                return thread;
            });
            try {
                List<Future<Void>> restores = new ArrayList<>();
                for (DatabaseConfig db : missing) {
                    restores.add(pool.submit(() -> {
                        restore(db, config.path(), Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
                        return null;
                    }));
                }
                List<String> failures = new ArrayList<>();
                for (Future<Void> restore : restores) {
                    try {
                        restore.get(); // each restore ends by the deadline: its process is killed then
                    } catch (ExecutionException e) {
                        failures.add(e.getCause().getMessage());
                    }
                }
                if (!failures.isEmpty()) {
                    throw new RestoreFailedException(String.join("\n", failures));
                }
            } finally {
                pool.shutdownNow();
            }
        } catch (IOException e) {
            throw new RestoreFailedException("cannot write the Litestream config for the restore: " + e.getMessage());
        }
    }

    private void restore(DatabaseConfig db, Path config, Duration remaining) throws RestoreFailedException, InterruptedException {
        long started = System.nanoTime();
        List<String> command = Arrays.asList(setup.binary().path().toString(), "restore", "-config", config.toString(),
                "-if-db-not-exists", "-if-replica-exists", "-o", db.path().toString(), db.path().toString());
        try {
            Files.createDirectories(db.path().toAbsolutePath().getParent());
            RunResult result = runner.run(ProcessSpec.of(command, Output.captured())
                    .withEnvironment(setup.rendered().environment()), remaining);
            if (result.timedOut()) {
                throw new RestoreFailedException("restore of '" + db.alias() + "' (" + db.path() + ") did not finish within "
                        + Durations.format(setup.config().restoreTimeout()) + " (litestream.restore-timeout); is the replica reachable?"
                        + lastWords(result.output()));
            }
            if (result.exitCode() != 0) {
                throw new RestoreFailedException("restore of '" + db.alias() + "' (" + db.path() + ") failed: litestream exited "
                        + result.exitCode() + lastWords(result.output()));
            }
            long ms = (System.nanoTime() - started) / 1_000_000;
            if (Files.exists(db.path())) {
                LOG.info("Restored '{}' to {} from its replica in {} ms", db.alias(), db.path(), ms);
            } else {
                LOG.info("No replica of '{}' yet: it starts empty ({} ms)", db.alias(), ms);
            }
        } catch (IOException e) {
            throw new RestoreFailedException("cannot restore '" + db.alias() + "' (" + db.path() + "): " + e.getMessage());
        } finally {
            // Litestream 0.3 leaves these beside the restored file.
            deleteQuietly(Paths.get(db.path() + ".tmp-shm"));
            deleteQuietly(Paths.get(db.path() + ".tmp-wal"));
        }
    }

    private static String lastWords(String output) {
        List<String> lines = Arrays.asList(output.trim().split("\n"));
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
