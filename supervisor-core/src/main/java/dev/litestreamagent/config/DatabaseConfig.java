package dev.litestreamagent.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One replicated database: its alias, file, replicas and per-database settings; or, for a
 * {@link #directory()} entry, a directory of databases that Litestream finds itself.
 */
public final class DatabaseConfig {
    private final String alias;
    private final Path path;
    private final String url;
    private final Map<String, Map<String, String>> replicas;
    private final Map<String, String> litestreamOptions;
    private final boolean restoreOnStart;
    private final boolean defaultReplica;
    private final DirectoryScan directory;

    DatabaseConfig(String alias, Path path, String url, Map<String, Map<String, String>> replicas,
            Map<String, String> litestreamOptions, boolean restoreOnStart, boolean defaultReplica,
            DirectoryScan directory) {
        this.alias = alias;
        this.path = path;
        this.url = url;
        Map<String, Map<String, String>> copy = new LinkedHashMap<>();
        for (Map.Entry<String, Map<String, String>> replica : replicas.entrySet()) {
            copy.put(replica.getKey(), Collections.unmodifiableMap(new LinkedHashMap<>(replica.getValue())));
        }
        this.replicas = Collections.unmodifiableMap(copy);
        this.litestreamOptions = Collections.unmodifiableMap(new LinkedHashMap<>(litestreamOptions));
        this.restoreOnStart = restoreOnStart;
        this.defaultReplica = defaultReplica;
        this.directory = directory;
    }

    /** The name after {@code litestream.dbs.}. */
    public String alias() {
        return alias;
    }

    /** Absolute and normalized: the database file, or a directory entry's directory. */
    public Path path() {
        return path;
    }

    /** The JDBC URL it was configured with, when it was given as {@code url}. */
    public Optional<String> jdbcUrl() {
        return Optional.ofNullable(url);
    }

    /**
     * The first replica's options: the one replica, unless several are configured with
     * {@code replicas.<name>.*}. See {@link #replicas()}.
     */
    public Map<String, String> replica() {
        return replicas.values().iterator().next();
    }

    /**
     * Every replica, in order: the key prefix its options were set under ({@code litestream.dbs.<alias>.replica.},
     * {@code litestream.dbs.<alias>.replicas.<name>.}) to its options in order ({@code name} and {@code type}
     * first), as configured or defaulted. Secrets are included as written (a value or a {@code $VAR}
     * reference): use {@link AgentConfig#settings()} to print.
     */
    public Map<String, Map<String, String>> replicas() {
        return replicas;
    }

    /**
     * The names of the replicas that have one (several replicas always do), in the config's order: what
     * {@code restore -replica NAME} takes. Empty for a database's one unnamed replica.
     */
    public List<String> replicaNames() {
        List<String> names = new ArrayList<>();
        for (Map<String, String> replica : replicas.values()) {
            if (replica.get("name") != null) {
                names.add(replica.get("name"));
            }
        }
        return names;
    }

    /** Database-level Litestream settings passed through, such as {@code monitor-interval}. */
    public Map<String, String> litestreamOptions() {
        return litestreamOptions;
    }

    public boolean restoreOnStart() {
        return restoreOnStart;
    }

    /**
     * Present for a {@code litestream.dbs.<alias>.dir} entry (Litestream 0.5's directory replication), which
     * {@link AgentConfig#databases()} never holds: only {@link AgentConfig#directories()} does.
     */
    public Optional<DirectoryScan> directory() {
        return Optional.ofNullable(directory);
    }

    /** True when no {@code replica.*} was configured and the S3 default replica was generated. */
    public boolean defaultReplica() {
        return defaultReplica;
    }

    @Override
    public String toString() {
        return "DatabaseConfig[" + alias + " -> " + path + (directory != null ? " (directory, "
                + directory.pattern() + ")" : "") + (defaultReplica ? ", default replica" : "")
                + ", replica types " + replicas.values().stream().map(r -> r.getOrDefault("type", "(from url)"))
                .collect(java.util.stream.Collectors.toList()) + "]";
    }
}
