package dev.litestreamagent.cli;

import dev.litestreamagent.binary.BinaryException;
import dev.litestreamagent.binary.BinarySettings;
import dev.litestreamagent.binary.ResolvedBinary;
import dev.litestreamagent.cli.command.CliContext;
import dev.litestreamagent.cli.command.DatabaseRef;
import dev.litestreamagent.config.AgentConfig;
import dev.litestreamagent.config.ConfigException;
import dev.litestreamagent.config.ConfigInput;
import dev.litestreamagent.config.ConfigLoader;
import dev.litestreamagent.config.DatabaseConfig;
import dev.litestreamagent.config.LitestreamYaml;
import dev.litestreamagent.config.RenderedConfig;
import dev.litestreamagent.config.SettingsFile;
import dev.litestreamagent.dialect.LitestreamVersion;
import dev.litestreamagent.runtime.InstalledLitestream;
import dev.litestreamagent.replica.FileReplicaWatch;
import dev.litestreamagent.runtime.LitestreamSetup;
import dev.litestreamagent.settings.Keys;
import dev.litestreamagent.supervisor.ReplicatorAlreadyRunningException;
import dev.litestreamagent.supervisor.ReplicatorLocks;
import dev.litestreamagent.verify.ReplicaWatch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The {@link CliContext} over the agent's configuration, the installed binary and the replicator locks.
 * Without a binary (none on PATH or in the cache, no download) the configuration is still there:
 * {@code config} prints it rendered for {@code litestream.version} (0.3.13 when unset) and says so,
 * and every command that runs Litestream fails with the reason. The Litestream config is rendered only
 * when a command asks for it: help and --version never do (the YAML library is most of their time).
 */
final class ConfigCliContext implements CliContext {
    private final AgentConfig config;
    private final LitestreamVersion version;
    private final ResolvedBinary binary;
    private final String versionOutput;
    private final String binaryProblem;
    private final String lookedIn;
    private final List<DatabaseRef> databases;
    private final List<DatabaseRef> directories;
    private RenderedConfig rendered;

    private ConfigCliContext(AgentConfig config, LitestreamVersion version, ResolvedBinary binary, String versionOutput,
            String binaryProblem, String lookedIn) {
        this.config = config;
        this.version = version;
        this.binary = binary;
        this.versionOutput = versionOutput;
        this.binaryProblem = binaryProblem;
        this.lookedIn = lookedIn;
        List<DatabaseRef> databases = new ArrayList<>();
        for (DatabaseConfig db : config.databases()) {
            databases.add(new DatabaseRef(db.alias(), db.path(), db.replicaNames()));
        }
        this.databases = Collections.unmodifiableList(databases);
        List<DatabaseRef> directories = new ArrayList<>();
        for (DatabaseConfig db : config.directories()) {
            directories.add(new DatabaseRef(db.alias(), db.path()));
        }
        this.directories = Collections.unmodifiableList(directories);
    }

    /**
     * Loads the configuration the way the agent does (system properties, environment,
     * ./litestream.properties) and finds the binary.
     *
     * @throws IllegalArgumentException listing every configuration problem, or saying what is wrong with the
     *         binary {@code litestream.bin-path} names (exit 2)
     */
    static CliContext load() {
        return load(ConfigInput.fromRuntime(null));
    }

    /** As {@link #load()}, from the given sources: tests run the real configuration path in-process. */
    static CliContext load(ConfigInput input) {
        AgentConfig config = config(input);
        String lookedIn = lookedIn(config, input);
        try {
            InstalledLitestream installed = InstalledLitestream.find(config);
            return new ConfigCliContext(config, installed.version(), installed.binary(), installed.versionOutput(), null,
                    lookedIn);
        } catch (ConfigException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        } catch (BinaryException e) {
            // A binary the user named and that does not work is their setting's fault, like any other bad value.
            if (config.binPath().isPresent()) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
            return withoutBinary(config, e.getMessage(), lookedIn);
        }
    }

    /** As {@link #load(ConfigInput)} without looking for the binary: for a command that runs no Litestream. */
    static CliContext loadWithoutBinary(ConfigInput input) {
        AgentConfig config = config(input);
        return withoutBinary(config, "not looked for: this command runs no Litestream", lookedIn(config, input));
    }

    /** The configuration alone, its Litestream version the one configured or the default. */
    private static CliContext withoutBinary(AgentConfig config, String binaryProblem, String lookedIn) {
        LitestreamVersion assumed = config.statedVersion().orElse(BinarySettings.DEFAULT_VERSION);
        return new ConfigCliContext(config, assumed, null, null, binaryProblem, lookedIn);
    }

    /** Where a properties file was looked for when none was found (none named, none beside, none on the class path). */
    private static String lookedIn(AgentConfig config, ConfigInput input) {
        if (config.settings().containsKey(Keys.CONFIG_FILE.name())) {
            return null;
        }
        SettingsFile file = SettingsFile.locate(null, input.workingDirectory(), input.classLoader().orElse(null));
        return file.path() == null && file.resource() == null
                ? input.workingDirectory().resolve(SettingsFile.FILE_NAME) + " and on the class path" : null;
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
        return version;
    }

    @Override
    public Optional<String> binaryProblem() {
        return Optional.ofNullable(binaryProblem);
    }

    @Override
    public Path binary() {
        return found().path();
    }

    @Override
    public Optional<String> versionOutput() {
        return Optional.ofNullable(versionOutput);
    }

    @Override
    public Optional<String> databasesListing() {
        rendered(); // its problems are the command's, as when Litestream is run with it
        return DatabasesListing.of(config, version);
    }

    @Override
    public String binaryOrigin() {
        return found().origin();
    }

    private ResolvedBinary found() {
        if (binary == null) {
            throw new IllegalStateException(binaryProblem);
        }
        return binary;
    }

    @Override
    public String configSources() {
        return config.sources();
    }

    @Override
    public String noDatabaseReason() {
        if (lookedIn != null) {
            return "no " + SettingsFile.FILE_NAME + " found (looked in " + lookedIn + ") and no "
                    + "litestream.dbs.<alias>.path or .url setting; put the file there, name it with "
                    + Keys.CONFIG_FILE.name() + " (-D" + Keys.CONFIG_FILE.name() + "=FILE or "
                    + Keys.CONFIG_FILE.envName() + "), or set the database's keys";
        }
        return CliContext.super.noDatabaseReason();
    }

    @Override
    public String renderedYaml() {
        return rendered().yaml();
    }

    @Override
    public Map<String, String> childEnvironment() {
        return rendered().environment();
    }

    /** @throws IllegalArgumentException listing the settings the Litestream version lacks (exit 2, as at load) */
    private synchronized RenderedConfig rendered() {
        if (rendered == null) {
            try {
                rendered = LitestreamYaml.render(config, version);
            } catch (ConfigException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        }
        return rendered;
    }

    @Override
    public List<DatabaseRef> databases() {
        return databases;
    }

    @Override
    public List<DatabaseRef> directories() {
        return directories;
    }

    @Override
    public boolean replicationEnabled() {
        return config.enabled();
    }

    @Override
    public Duration stopTimeout() {
        return config.stopTimeout();
    }

    @Override
    public Duration verifyTimeout() {
        return config.verifyTimeout();
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
    public ReplicaWatch replicaWatch(DatabaseRef database, String replicaName) {
        // The environment alone, as the agent's own replica probe: rendering the config for the
        // secrets' values would cost verify ~0.2 s before its write, and a replica path is no secret.
        return config.databases().stream().filter(db -> db.alias().equals(database.alias())).findFirst()
                .flatMap(db -> db.replicas().values().stream()
                        .filter(options -> replicaName.isEmpty() || replicaName.equals(options.get("name"))).findFirst())
                .map(options -> FileReplicaWatch.of(options, System.getenv())).orElse(ReplicaWatch.NONE);
    }

    @Override
    public ReplicatorClaim claimReplicator() {
        List<Path> paths = config.databases().stream().map(DatabaseConfig::path).collect(Collectors.toList());
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
