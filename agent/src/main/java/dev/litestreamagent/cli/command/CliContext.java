package dev.litestreamagent.cli.command;

import dev.litestreamagent.dialect.Dialect;
import dev.litestreamagent.dialect.LitestreamVersion;
import dev.litestreamagent.verify.ReplicaWatch;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the commands need from the agent's configuration, the installed binary and the supervisor;
 * the one seam between the CLI and the rest of the agent.
 */
public interface CliContext {

    /** Version of the installed binary. */
    LitestreamVersion version();

    /** What the installed binary speaks: which commands and flags exist. */
    default Dialect dialect() {
        return Dialect.of(version());
    }

    /**
     * The installed binary.
     *
     * @throws IllegalStateException saying why when there is none ({@link #binaryProblem()})
     */
    Path binary();

    /** Why no binary could be found or fetched; {@link #version()} is then the one configured or the default. */
    default Optional<String> binaryProblem() {
        return Optional.empty();
    }

    /**
     * What {@code litestream version} printed for the installed binary, when known (it was asked, or its
     * answer kept, to learn the version): {@code version} prints it instead of running the binary again.
     */
    default Optional<String> versionOutput() {
        return Optional.empty();
    }

    /**
     * What Litestream's {@code databases} would print for {@link #renderedYaml()}, when the agent can tell it
     * exactly without running Litestream (a process spawn and a Go runtime start); empty otherwise.
     */
    default Optional<String> databasesListing() {
        return Optional.empty();
    }

    /** Where the binary was found: {@code litestream.bin-path}, {@code cache}, {@code PATH} or {@code download}. */
    String binaryOrigin();

    /** Where the configuration came from (files, system properties, environment), for help. */
    String configSources();

    /** Exactly the YAML handed to Litestream, secrets as {@code $VAR} references (safe to print). */
    String renderedYaml();

    /** Variables the Litestream child needs on top of the inherited environment (the secret values). */
    Map<String, String> childEnvironment();

    List<DatabaseRef> databases();

    /**
     * The directory entries ({@code litestream.dbs.<alias>.dir}, Litestream 0.5's directory replication), each
     * with its directory as path: {@code replicate} replicates them, but no command that works per database
     * file knows their files.
     */
    default List<DatabaseRef> directories() {
        return Collections.emptyList();
    }

    /** Neither a database file nor a directory entry is configured: {@code replicate} would have nothing to do. */
    default boolean nothingConfigured() {
        return databases().isEmpty() && directories().isEmpty();
    }

    /** Why {@link #databases()} is empty, naming where the configuration was looked for: for an error message. */
    default String noDatabaseReason() {
        return "no database configured (litestream.dbs.<alias>.path or .url) in: " + configSources().replace('\n', ';');
    }

    /**
     * {@code litestream.enabled}: false turns the agent off in the application, and the CLI's
     * {@code replicate} with it; the other commands (restore, listings, verify) still work.
     */
    default boolean replicationEnabled() {
        return true;
    }

    /** How long a foreground Litestream gets for its final sync after SIGTERM ({@code litestream.stop-timeout}). */
    Duration stopTimeout();

    /** How long {@code verify} waits for its row to reach the replica. */
    Duration verifyTimeout();

    /** Whether a {@code litestream replicate} is live for this database (in the agent or another CLI). */
    boolean replicatorRunning(DatabaseRef database);

    /**
     * A cheap look at the database's replica {@code replicaName} ({@code ""}: its one replica) that tells
     * verify when an upload landed; {@link ReplicaWatch#NONE} where there is none.
     */
    default ReplicaWatch replicaWatch(DatabaseRef database, String replicaName) {
        return ReplicaWatch.NONE;
    }

    /**
     * Claims the right to be the single replicator of the configured databases, held until closed
     * (two replicators silently corrupt a replica's history).
     *
     * @throws IllegalStateException naming the holder when another replicator is running
     */
    ReplicatorClaim claimReplicator();

    /** A database by alias, or by path (relative to the working directory) when no alias matches. */
    default Optional<DatabaseRef> database(String aliasOrPath) {
        for (DatabaseRef db : databases()) {
            if (db.alias().equals(aliasOrPath)) {
                return Optional.of(db);
            }
        }
        Path path;
        try {
            path = Paths.get(aliasOrPath).toAbsolutePath().normalize();
        } catch (RuntimeException notAPath) {
            return Optional.empty();
        }
        for (DatabaseRef db : databases()) {
            if (db.path().equals(path)) {
                return Optional.of(db);
            }
        }
        return Optional.empty();
    }

    /** Held while {@code replicate} runs; releasing it never throws. */
    interface ReplicatorClaim extends AutoCloseable {
        @Override
        void close();
    }

    /** Loads the context; configuration problems arrive as one exception listing every problem. */
    interface Loader {
        /** @throws IllegalArgumentException whose message lists every configuration problem */
        CliContext load();

        /**
         * As {@link #load()} without looking for the binary (a search and a version check, milliseconds), for a
         * command that runs no Litestream: {@link CliContext#binary()} then fails saying so.
         *
         * @throws IllegalArgumentException whose message lists every configuration problem
         */
        default CliContext loadWithoutBinary() {
            return load();
        }
    }
}
