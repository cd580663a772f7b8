package dev.litestreamagent.cli;

import dev.litestreamagent.binary.BinaryException;
import dev.litestreamagent.binary.BinarySettings;
import dev.litestreamagent.cli.command.CliContext;
import dev.litestreamagent.cli.command.DatabaseRef;
import dev.litestreamagent.config.AgentConfig;
import dev.litestreamagent.config.ConfigException;
import dev.litestreamagent.config.ConfigInput;
import dev.litestreamagent.config.ConfigLoader;
import dev.litestreamagent.config.DatabaseConfig;
import dev.litestreamagent.dialect.LitestreamVersion;
import dev.litestreamagent.runtime.LitestreamSetup;
import dev.litestreamagent.supervisor.ReplicatorAlreadyRunningException;
import dev.litestreamagent.supervisor.ReplicatorLocks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The {@link CliContext} over the agent's configuration, the installed binary and the replicator locks. */
final class ConfigCliContext implements CliContext {
    private final LitestreamSetup setup;
    private final List<DatabaseRef> databases;

    private ConfigCliContext(LitestreamSetup setup) {
        this.setup = setup;
        this.databases = setup.config().databases().stream()
                .map(db -> new DatabaseRef(db.alias(), db.path())).collect(Collectors.toList());
    }

    /**
     * Loads the configuration the way the agent does (system properties, environment,
     * ./litestream.properties) and finds the binary.
     *
     * @throws IllegalArgumentException listing every configuration problem, or saying what is wrong with the
     *         binary {@code litestream.bin-path} names (exit 2)
     * @throws IllegalStateException when no usable Litestream binary can be found or fetched (exit 1)
     */
    static CliContext load() {
        return load(ConfigInput.fromRuntime(null));
    }

    /** As {@link #load()}, from the given sources: tests run the real configuration path in-process. */
    static CliContext load(ConfigInput input) {
        AgentConfig config = config(input);
        try {
            return new ConfigCliContext(LitestreamSetup.prepare(config));
        } catch (ConfigException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        } catch (BinaryException e) {
            // A binary the user named and that does not work is their setting's fault, like any other bad value.
            if (config.binPath().isPresent()) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** The binary settings of this JVM's configuration, for {@code install}; no binary is looked for. */
    static BinarySettings.Builder installSettings() {
        return LitestreamSetup.binarySettings(config(ConfigInput.fromRuntime(null)));
    }

    private static AgentConfig config(ConfigInput input) {
        try {
            return ConfigLoader.load(input);
        } catch (ConfigException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    @Override
    public LitestreamVersion version() {
        return setup.version();
    }

    @Override
    public Path binary() {
        return setup.binary().path();
    }

    @Override
    public String binaryOrigin() {
        return setup.binary().origin();
    }

    @Override
    public String configSources() {
        return setup.config().sources();
    }

    @Override
    public String renderedYaml() {
        return setup.rendered().yaml();
    }

    @Override
    public Map<String, String> childEnvironment() {
        return setup.rendered().environment();
    }

    @Override
    public List<DatabaseRef> databases() {
        return databases;
    }

    @Override
    public Duration stopTimeout() {
        return setup.config().stopTimeout();
    }

    @Override
    public Duration verifyTimeout() {
        return setup.config().verifyTimeout();
    }

    @Override
    public boolean replicatorRunning(DatabaseRef database) {
        try {
            return ReplicatorLocks.holder(database.path()).isPresent();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the replicator lock of " + database, e);
        }
    }

    @Override
    public ReplicatorClaim claimReplicator() {
        List<Path> paths = setup.config().databases().stream().map(DatabaseConfig::path).collect(Collectors.toList());
        try {
            ReplicatorLocks.Claim claim = ReplicatorLocks.claim(paths,
                    "litestream-agent CLI replicate in process " + ProcessHandle.current().pid());
            return claim::close;
        } catch (ReplicatorAlreadyRunningException e) {
            throw new IllegalStateException(e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock the databases " + paths, e);
        }
    }
}
