package dev.litestreamagent.config;

import dev.litestreamagent.dialect.LitestreamVersion;
import dev.litestreamagent.supervisor.RestartPolicy;
import dev.litestreamagent.supervisor.ResyncPolicy;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The validated, immutable agent configuration; built by {@link ConfigLoader}. */
public final class AgentConfig {
    private final List<DatabaseConfig> databases;
    private final Path workingDirectory;
    private final Path binPath;
    private final LitestreamVersion statedVersion;
    private final boolean enabled;
    private final boolean required;
    private final List<DatabaseConfig> directories;
    private final String exec;
    private final boolean restoreOnStart;
    private final Duration restoreTimeout;
    private final Duration stopTimeout;
    private final Duration schemaSettle;
    private final Duration verifyTimeout;
    private final Duration verifyInterval;
    private final RestartPolicy restart;
    private final ResyncPolicy resync;
    private final String addr;
    private final String mcpAddr;
    private final Map<String, String> litestreamGlobal;
    private final String healthAddr;
    private final String pathPrefix;
    private final String loggingLevel;
    private final String loggingType;
    private final Boolean loggingStderr;
    private final List<String> warnings;
    private final String sources;
    private final Map<String, String> settings;
    private final String logLevel;
    private final Path cacheDirectory;
    private final boolean downloadEnabled;
    private final String downloadBaseUrl;
    private final String downloadSha256;

    private AgentConfig(Builder b) {
        this.databases = Collections.unmodifiableList(new ArrayList<>(b.databases));
        this.directories = Collections.unmodifiableList(new ArrayList<>(b.directories));
        this.exec = b.exec;
        this.workingDirectory = b.workingDirectory;
        this.binPath = b.binPath;
        this.statedVersion = b.statedVersion;
        this.enabled = b.enabled;
        this.required = b.required;
        this.restoreOnStart = b.restoreOnStart;
        this.restoreTimeout = b.restoreTimeout;
        this.stopTimeout = b.stopTimeout;
        this.schemaSettle = b.schemaSettle;
        this.verifyTimeout = b.verifyTimeout;
        this.verifyInterval = b.verifyInterval;
        this.restart = b.restart;
        this.resync = b.resync;
        this.addr = b.addr;
        this.mcpAddr = b.mcpAddr;
        this.litestreamGlobal = Collections.unmodifiableMap(new LinkedHashMap<>(b.litestreamGlobal));
        this.healthAddr = b.healthAddr;
        this.pathPrefix = b.pathPrefix;
        this.loggingLevel = b.loggingLevel;
        this.loggingType = b.loggingType;
        this.loggingStderr = b.loggingStderr;
        this.warnings = Collections.unmodifiableList(new ArrayList<>(b.warnings));
        this.sources = b.sources;
        this.settings = Collections.unmodifiableMap(new TreeMap<>(b.settings));
        this.logLevel = b.logLevel;
        this.cacheDirectory = b.cacheDirectory;
        this.downloadEnabled = b.downloadEnabled;
        this.downloadBaseUrl = b.downloadBaseUrl;
        this.downloadSha256 = b.downloadSha256;
    }

    /** The agent's own log threshold ({@code litestream.log-level}, default info). */
    public String logLevel() {
        return logLevel;
    }

    /** Where downloaded binaries are cached ({@code litestream.cache-dir}); empty: the platform default. */
    public Optional<Path> cacheDirectory() {
        return Optional.ofNullable(cacheDirectory);
    }

    /** {@code litestream.download.enabled}, default true. */
    public boolean downloadEnabled() {
        return downloadEnabled;
    }

    /** {@code litestream.download.base-url}, without trailing slashes; by default Litestream's GitHub releases. */
    public String downloadBaseUrl() {
        return downloadBaseUrl;
    }

    /** {@code litestream.download.sha256}: the user's own pin for the downloaded archive. */
    public Optional<String> downloadSha256() {
        return Optional.ofNullable(downloadSha256);
    }

    /** The database files; not the {@link #directories()}, whose files Litestream finds itself. */
    public List<DatabaseConfig> databases() {
        return databases;
    }

    /**
     * The {@code litestream.dbs.<alias>.dir} entries (Litestream 0.5's directory replication), each with its
     * {@link DatabaseConfig#directory()}: rendered into the YAML, but no per-file work (restore on start,
     * locks, verify, health) knows their files.
     */
    public List<DatabaseConfig> directories() {
        return directories;
    }

    /**
     * {@code litestream.exec}: the command Litestream's {@code replicate} runs and ends with. A command line
     * may carry credentials, so it is a secret: never print it.
     */
    public Optional<String> exec() {
        return Optional.ofNullable(exec);
    }

    /** By alias first, then by file path (relative paths against the working directory the config was loaded in). */
    public Optional<DatabaseConfig> findDatabase(String aliasOrPath) {
        for (DatabaseConfig db : databases) {
            if (db.alias().equals(aliasOrPath)) {
                return Optional.of(db);
            }
        }
        Path path;
        try {
            path = workingDirectory.resolve(aliasOrPath).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
        for (DatabaseConfig db : databases) {
            if (db.path().equals(path)) {
                return Optional.of(db);
            }
        }
        return Optional.empty();
    }

    /** {@code litestream.bin-path}: the binary to run instead of the one found or downloaded. */
    public Optional<Path> binPath() {
        return Optional.ofNullable(binPath);
    }

    /** {@code litestream.version}: the version the user says the binary is, instead of asking it. */
    public Optional<LitestreamVersion> statedVersion() {
        return Optional.ofNullable(statedVersion);
    }

    public boolean enabled() {
        return enabled;
    }

    /** When true, a bad configuration or a failed restore on start ends the JVM instead of being logged. */
    public boolean required() {
        return required;
    }

    /** The global default; each database may override it ({@link DatabaseConfig#restoreOnStart()}). */
    public boolean restoreOnStart() {
        return restoreOnStart;
    }

    public Duration restoreTimeout() {
        return restoreTimeout;
    }

    /** How long to wait for Litestream's final sync after SIGTERM; below Kubernetes' 30 s grace by default. */
    public Duration stopTimeout() {
        return stopTimeout;
    }

    /** How long a database's schema must stay unchanged before Litestream gets the database. */
    public Duration schemaSettle() {
        return schemaSettle;
    }

    public Duration verifyTimeout() {
        return verifyTimeout;
    }

    /** How often the agent verifies each database from inside the application; empty: never. */
    public Optional<Duration> verifyInterval() {
        return Optional.ofNullable(verifyInterval);
    }

    public RestartPolicy restart() {
        return restart;
    }

    public ResyncPolicy resync() {
        return resync;
    }

    public Optional<String> addr() {
        return Optional.ofNullable(addr);
    }

    /** Litestream 0.5 and later only. */
    public Optional<String> mcpAddr() {
        return Optional.ofNullable(mcpAddr);
    }

    /**
     * Litestream's own top-level settings that are set ({@link dev.litestreamagent.settings.Keys#litestreamGlobal()}), full key to value as
     * written: {@code litestream.snapshot.interval} → {@code 1h}.
     */
    public Map<String, String> litestreamGlobal() {
        return litestreamGlobal;
    }

    /** Where the agent serves /livez, /readyz, /health and /metrics; empty: no endpoint. */
    public Optional<String> healthAddr() {
        return Optional.ofNullable(healthAddr);
    }

    /** Prefix of default replica paths, without leading or trailing slashes. */
    public Optional<String> pathPrefix() {
        return Optional.ofNullable(pathPrefix);
    }

    public Optional<String> loggingLevel() {
        return Optional.ofNullable(loggingLevel);
    }

    public Optional<String> loggingType() {
        return Optional.ofNullable(loggingType);
    }

    public Optional<Boolean> loggingStderr() {
        return Optional.ofNullable(loggingStderr);
    }

    public Path workingDirectory() {
        return workingDirectory;
    }

    /** Things that are allowed but worth telling (a database file that does not exist yet, ...). */
    public List<String> warnings() {
        return warnings;
    }

    /** Where the settings came from, one source a line (the properties file used, how many keys each source gave). */
    public String sources() {
        return sources;
    }

    /** Every effective {@code litestream.*} key with its value, defaults included, secrets masked: safe to print. */
    public Map<String, String> settings() {
        return settings;
    }

    @Override
    public String toString() {
        return "AgentConfig" + settings;
    }

    /** Filled in by {@link ConfigLoader}, which takes every default from the key registry. */
    static final class Builder {
        final List<DatabaseConfig> databases = new ArrayList<>();
        final List<DatabaseConfig> directories = new ArrayList<>();
        String exec;
        final List<String> warnings = new ArrayList<>();
        final Map<String, String> settings = new TreeMap<>();
        final Map<String, String> litestreamGlobal = new LinkedHashMap<>();
        Path workingDirectory;
        Path binPath;
        LitestreamVersion statedVersion;
        boolean enabled;
        boolean required;
        boolean restoreOnStart;
        Duration restoreTimeout;
        Duration stopTimeout;
        Duration schemaSettle;
        Duration verifyTimeout;
        Duration verifyInterval;
        RestartPolicy restart;
        ResyncPolicy resync;
        String logLevel;
        Path cacheDirectory;
        boolean downloadEnabled;
        String downloadBaseUrl;
        String downloadSha256;
        String addr;
        String mcpAddr;
        String healthAddr;
        String pathPrefix;
        String loggingLevel;
        String loggingType;
        Boolean loggingStderr;
        String sources;

        AgentConfig build() {
            return new AgentConfig(this);
        }
    }
}
