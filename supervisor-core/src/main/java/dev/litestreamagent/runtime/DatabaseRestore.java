package dev.litestreamagent.runtime;

import dev.litestreamagent.config.DatabaseConfig;
import dev.litestreamagent.exec.Output;
import dev.litestreamagent.exec.ProcessRunner;
import dev.litestreamagent.exec.ProcessSpec;
import dev.litestreamagent.exec.RunResult;
import dev.litestreamagent.runtime.StartupRestore.RestoreFailedException;
import dev.litestreamagent.settings.Durations;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One missing database restored by {@code litestream restore -if-db-not-exists -if-replica-exists}, never over
 * a file that exists. With several replicas (Litestream 0.3), Litestream restores from the newest, but one
 * unreachable replica fails it all; then each replica is tried alone, in the configured order, and the first
 * that holds the database restores it, named in the log.
 */
final class DatabaseRestore {
    private static final Logger LOG = LoggerFactory.getLogger(DatabaseRestore.class);

    private final LitestreamSetup setup;
    private final Path configFile;
    private final Map<String, String> environment;
    private final ProcessRunner runner;
    private final Duration restoreTimeout;

    DatabaseRestore(RestoreSetup.Prepared prepared, ProcessRunner runner, Duration restoreTimeout) {
        this.setup = prepared.setup;
        this.configFile = prepared.file.path();
        this.environment = prepared.environment;
        this.runner = runner;
        this.restoreTimeout = restoreTimeout;
    }

    /**
     * True when a replica had something to restore, false when none holds anything.
     *
     * @param deadline {@link System#nanoTime()} by which every attempt has ended (its process killed)
     */
    boolean restore(DatabaseConfig db, long deadline) throws RestoreFailedException, InterruptedException {
        long started = System.nanoTime();
        List<String> alone = replicasToTryAlone(db);
        try {
            Files.createDirectories(db.path().toAbsolutePath().getParent());
            // A hung replica must leave the others time: with several, trying them all at once gets half of it.
            long allBy = alone.isEmpty() ? deadline : started + (deadline - started) / 2;
            String failure = failure(db, null, attempt(db, null, allBy));
            if (failure == null) {
                return restored(db, started);
            }
            if (alone.isEmpty()) {
                throw new RestoreFailedException(failure);
            }
            List<String> failures = new ArrayList<>();
            for (int i = 0; i < alone.size(); i++) {
                String replica = alone.get(i);
                // an equal share of what is left for each replica still to try: a hung one leaves the next its turn
                long now = System.nanoTime();
                String failed = failure(db, replica, attempt(db, replica, now + (deadline - now) / (alone.size() - i)));
                if (failed != null) {
                    failures.add(failed);
                } else if (Files.exists(db.path())) {
                    LOG.warn("Restored '{}' to {} from its replica '{}' in {} ms, as restoring from all its replicas failed:"
                            + " {}", db.alias(), db.path(), replica, (System.nanoTime() - started) / 1_000_000, failure);
                    return true;
                }
            }
            if (failures.isEmpty()) {
                return false; // each replica, asked alone, holds nothing
            }
            throw new RestoreFailedException(failure + "\nand no replica of '" + db.alias() + "' restored it alone:\n"
                    + String.join("\n", failures));
        } catch (IOException e) {
            throw new RestoreFailedException("cannot restore '" + db.alias() + "' (" + db.path() + "): " + e.getMessage());
        } finally {
            // Litestream 0.3 leaves these beside the restored file.
            deleteQuietly(Paths.get(db.path() + ".tmp-shm"));
            deleteQuietly(Paths.get(db.path() + ".tmp-wal"));
        }
    }

    /** The names to give {@code -replica} one by one: only with several replicas, in a version that has them. */
    private List<String> replicasToTryAlone(DatabaseConfig db) {
        List<String> names = new ArrayList<>();
        if (db.replicas().size() > 1 && setup.dialect().severalReplicas()) {
            for (Map<String, String> replica : db.replicas().values()) {
                if (replica.containsKey("name")) {
                    names.add(replica.get("name"));
                }
            }
        }
        return names;
    }

    /** One {@code litestream restore}: from {@code replica} alone, or from all of them when it is null. */
    private RunResult attempt(DatabaseConfig db, String replica, long deadline) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(Arrays.asList(setup.binary().path().toString(), "restore",
                "-config", configFile.toString(), "-if-db-not-exists", "-if-replica-exists"));
        if (replica != null) {
            command.addAll(Arrays.asList("-replica", replica));
        }
        command.addAll(Arrays.asList("-o", db.path().toString(), db.path().toString()));
        return runner.run(ProcessSpec.of(command, Output.captured()).withEnvironment(environment),
                Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
    }

    /** Why {@code result} failed, in words for the operator; null when it succeeded. */
    private String failure(DatabaseConfig db, String replica, RunResult result) {
        String what = "restore of '" + db.alias() + "' (" + db.path() + ")" + (replica == null ? "" : " from replica '"
                + replica + "'");
        if (result.timedOut()) {
            return what + " did not finish within " + (db.replicas().size() > 1 ? "its share of " : "")
                    + Durations.format(restoreTimeout) + " (litestream.restore-timeout); is the replica reachable?"
                    + lastWords(result.output());
        }
        if (result.exitCode() != 0) {
            return what + " failed: litestream exited " + result.exitCode() + lastWords(result.output());
        }
        return null;
    }

    private static boolean restored(DatabaseConfig db, long started) {
        if (!Files.exists(db.path())) {
            return false;
        }
        LOG.info("Restored '{}' to {} from its replica in {} ms", db.alias(), db.path(), (System.nanoTime() - started) / 1_000_000);
        return true;
    }

    /** Litestream's last lines, secrets masked: it prints endpoints and URLs as configured. */
    private String lastWords(String output) {
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
}
