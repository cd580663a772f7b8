package dev.litestreamagent.config;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** One replicated database: its alias, file, single replica and per-database settings. */
public final class DatabaseConfig {
    private final String alias;
    private final Path path;
    private final String url;
    private final Map<String, String> replica;
    private final Map<String, String> litestreamOptions;
    private final boolean restoreOnStart;
    private final boolean defaultReplica;

    DatabaseConfig(String alias, Path path, String url, Map<String, String> replica,
            Map<String, String> litestreamOptions, boolean restoreOnStart, boolean defaultReplica) {
        this.alias = alias;
        this.path = path;
        this.url = url;
        this.replica = Collections.unmodifiableMap(new LinkedHashMap<>(replica));
        this.litestreamOptions = Collections.unmodifiableMap(new LinkedHashMap<>(litestreamOptions));
        this.restoreOnStart = restoreOnStart;
        this.defaultReplica = defaultReplica;
    }

    /** The name after {@code litestream.dbs.}. */
    public String alias() {
        return alias;
    }

    /** Absolute and normalized. */
    public Path path() {
        return path;
    }

    /** The JDBC URL it was configured with, when it was given as {@code url}. */
    public Optional<String> jdbcUrl() {
        return Optional.ofNullable(url);
    }

    /**
     * Replica options in order ({@code type} first), as configured or defaulted; secrets are included
     * as written (a value or a {@code $VAR} reference): use {@link AgentConfig#settings()} to print.
     */
    public Map<String, String> replica() {
        return replica;
    }

    /** Database-level Litestream settings passed through, such as {@code monitor-interval}. */
    public Map<String, String> litestreamOptions() {
        return litestreamOptions;
    }

    public boolean restoreOnStart() {
        return restoreOnStart;
    }

    /** True when no {@code replica.*} was configured and the S3 default replica was generated. */
    public boolean defaultReplica() {
        return defaultReplica;
    }

    @Override
    public String toString() {
        return "DatabaseConfig[" + alias + " -> " + path + (defaultReplica ? ", default replica" : "")
                + ", replica type " + replica.getOrDefault("type", "(from url)") + "]";
    }
}
