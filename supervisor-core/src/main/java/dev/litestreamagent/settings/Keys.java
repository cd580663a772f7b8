package dev.litestreamagent.settings;

import dev.litestreamagent.supervisor.RestartPolicy;
import dev.litestreamagent.supervisor.ResyncPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The registry of setting keys: each declared once, here, with its type, default and doc line. The loader,
 * the environment-variable names, the "did you mean" suggestions, the start-up probe and the check of
 * docs/configuration.md all read it, so adding a key is one declaration plus the code that uses its value.
 * Restart and resync defaults are the supervisor's policies' own, which the registry states by reference.
 */
public final class Keys {
    public static final String PREFIX = "litestream.";
    /** Per-database settings: {@code litestream.dbs.<alias>.<setting>}. */
    public static final String DBS = "litestream.dbs.";
    /** {@code litestream.default-replica.<option>}: S3 options added to every default replica. */
    public static final String DEFAULT_REPLICA = "litestream.default-replica.";
    /** {@code litestream.dbs.<alias>.replica.<option>}: the database's replica, passed to Litestream. */
    public static final String REPLICA = "replica.";
    /** {@code litestream.dbs.<alias>.replicas.<name>.<option>}: one of the database's several named replicas. */
    public static final String REPLICAS = "replicas.";

    /**
     * Agent variables all start with this, so none can be one Litestream reads itself
     * ({@code LITESTREAM_ACCESS_KEY_ID}, {@code LITESTREAM_SECRET_ACCESS_KEY}, {@code LITESTREAM_CONFIG}).
     */
    public static final String ENV_PREFIX = "LITESTREAM_AGENT_";
    /**
     * {@link #CONFIG_FILE}'s name as a compile-time constant: premain's probe reads it without
     * initialising this registry (about 6 ms in a cold JVM, on main()'s critical path).
     */
    public static final String CONFIG_FILE_NAME = "litestream.config-file";

    // Filled by the declarations below, in declaration order: they must come first.
    private static final List<Key<?>> TOP_LEVEL = new ArrayList<>();
    private static final List<Key<?>> DATABASE = new ArrayList<>();
    private static final List<Key<?>> LITESTREAM_GLOBAL = new ArrayList<>();

    private static final RestartPolicy RESTART = RestartPolicy.defaults();
    private static final ResyncPolicy RESYNC = ResyncPolicy.defaults();
    private static final ValueType<String> LOG_LEVELS = ValueType.choice("trace", "debug", "info", "warn", "error");

    public static final Key<String> CONFIG_FILE = top(CONFIG_FILE_NAME, ValueType.text("a properties file path"),
            null, "properties file to read (agent argument: config=)");
    public static final Key<Boolean> ENABLED = top("litestream.enabled", ValueType.BOOLEAN, true,
            "false: the agent does nothing");
    public static final Key<Boolean> REQUIRED = topBeforeMain("litestream.required", ValueType.BOOLEAN, false,
            "true: any failure to start replication (configuration, binary, version, restore on start) ends the JVM");
    public static final Key<String> BIN_PATH = top("litestream.bin-path",
            ValueType.text("the path of the litestream executable (not a directory)"), null,
            "the litestream executable to run");
    public static final Key<String> VERSION = top("litestream.version",
            ValueType.text("a Litestream version such as 0.3.13 or v0.5.2"), null,
            "the release to download; a stated version of the other dialect than the binary's is an error");
    public static final Key<String> RUNTIME_ENV = top("litestream.runtime-env", ValueType.VARIABLE_NAMES, null,
            "variables that $NAME references may name although they are unset here: Litestream resolves them");
    public static final Key<String> PATH_PREFIX = top("litestream.path-prefix", ValueType.text("a path prefix"), null,
            "prefix of default replica paths");
    public static final Key<String> ADDR = top("litestream.addr", ValueType.ADDRESS, null,
            "Litestream's metrics address");
    public static final Key<String> MCP_ADDR = top("litestream.mcp-addr", ValueType.ADDRESS, null,
            "Litestream's MCP server address (0.5+)");
    public static final Key<String> SNAPSHOT_INTERVAL = litestreamGlobal("litestream.snapshot.interval",
            ValueType.GO_DURATION, "how often Litestream 0.5 takes a full snapshot (0.5+)");
    public static final Key<String> SNAPSHOT_RETENTION = litestreamGlobal("litestream.snapshot.retention",
            ValueType.GO_DURATION, "how long Litestream 0.5 keeps snapshots (0.5+)");
    public static final Key<String> LEVELS = litestreamGlobal("litestream.levels", ValueType.GO_DURATIONS,
            "compaction intervals of Litestream 0.5's levels, from level 1 up (0.5+)");
    public static final Key<String> HEARTBEAT_URL = litestreamGlobal("litestream.heartbeat-url",
            ValueType.text("an http:// or https:// URL"), "a URL Litestream 0.5 calls while replication is healthy (0.5+)");
    public static final Key<String> HEARTBEAT_INTERVAL = litestreamGlobal("litestream.heartbeat-interval",
            ValueType.GO_DURATION, "how often it calls it, at least 1m (0.5+)");
    public static final Key<String> SHUTDOWN_SYNC_TIMEOUT = litestreamGlobal("litestream.shutdown-sync-timeout",
            ValueType.GO_DURATION, "how long Litestream 0.5 retries its final sync at shutdown (0.5+)");
    public static final Key<String> EXEC = top("litestream.exec", ValueType.text("a command line"), null,
            "a command the CLI's replicate runs, ending when it ends (Litestream's exec); refused by the agent");
    public static final Key<String> HEALTH_ADDR = top("litestream.health.addr", ValueType.ADDRESS, null,
            "the agent's health and metrics endpoint (/livez, /readyz, /health, /metrics); off when unset");
    public static final Key<String> LOGGING_LEVEL = top("litestream.logging.level",
            LOG_LEVELS, null, "Litestream's log level");
    public static final Key<String> LOGGING_TYPE = top("litestream.logging.type", ValueType.choice("text", "json"), null,
            "Litestream's log format");
    public static final Key<Boolean> LOGGING_STDERR = top("litestream.logging.stderr", ValueType.BOOLEAN, null,
            "true: Litestream logs to stderr");
    public static final Key<Boolean> RESTORE_ON_START = topBeforeMain("litestream.restore-on-start",
            ValueType.BOOLEAN, false, "restore a missing database from its replica before the application starts");
    public static final Key<Duration> RESTORE_TIMEOUT = top("litestream.restore-timeout", ValueType.POSITIVE_DURATION,
            Duration.ofSeconds(60), "deadline of a restore on start");
    public static final Key<Duration> STOP_TIMEOUT = top("litestream.stop-timeout", ValueType.POSITIVE_DURATION,
            Duration.ofSeconds(20), "wait for Litestream's final sync after SIGTERM (below Kubernetes' 30 s grace)");
    public static final Key<Duration> SCHEMA_SETTLE = top("litestream.schema-settle", ValueType.POSITIVE_DURATION,
            Duration.ofSeconds(1), "Litestream gets a database once the application's schema in it stayed unchanged "
                    + "this long (its first sync writes two tables into the file)");
    public static final Key<Duration> VERIFY_TIMEOUT = top("litestream.verify.timeout", ValueType.POSITIVE_DURATION,
            Duration.ofSeconds(10), "deadline of a verify");
    public static final Key<Duration> VERIFY_INTERVAL = top("litestream.verify.interval", ValueType.POSITIVE_DURATION,
            null, "the agent verifies each database in turn this often; off when unset");
    public static final Key<Duration> RESTART_INITIAL_DELAY = top("litestream.restart.initial-delay",
            ValueType.POSITIVE_DURATION, RESTART.initialDelay(), "first delay before restarting an exited Litestream");
    public static final Key<Double> RESTART_MULTIPLIER = top("litestream.restart.multiplier",
            ValueType.decimal(1.0, 100.0), RESTART.multiplier(), "delay growth per restart");
    public static final Key<Duration> RESTART_MAX_DELAY = top("litestream.restart.max-delay",
            ValueType.POSITIVE_DURATION, RESTART.maxDelay(), "delay cap; at least initial-delay");
    public static final Key<Double> RESTART_JITTER = top("litestream.restart.jitter", ValueType.decimal(0.0, 1.0),
            RESTART.jitter(), "randomised fraction of each delay");
    public static final Key<Duration> RESTART_MIN_UPTIME = top("litestream.restart.min-uptime",
            ValueType.POSITIVE_DURATION, RESTART.minUptime(), "a run this long resets the backoff");
    public static final Key<Integer> RESTART_CRASH_LOOP_COUNT = top("litestream.restart.crash-loop-count",
            ValueType.integer(1), RESTART.crashLoopCount(), "exits within the window that make a crash loop");
    public static final Key<Duration> RESTART_CRASH_LOOP_WINDOW = top("litestream.restart.crash-loop-window",
            ValueType.POSITIVE_DURATION, RESTART.crashLoopWindow(), "the crash-loop window");
    public static final Key<String> RESTART_CRASH_LOOP_ACTION = top("litestream.restart.crash-loop-action",
            ValueType.choice("retry", "give-up"), RESTART.giveUpOnCrashLoop() ? "give-up" : "retry",
            "retry (keep going at max delay) or give-up");
    public static final Key<Boolean> RESYNC_ENABLED = top("litestream.resync.enabled", ValueType.BOOLEAN,
            RESYNC.enabled(), "false: no planned restarts after replication errors or stuck uploads");
    public static final Key<Duration> RESYNC_QUIET_PERIOD = top("litestream.resync.quiet-period",
            ValueType.POSITIVE_DURATION, RESYNC.quietPeriod(), "quiet time after replication errors before a restart");
    public static final Key<Duration> RESYNC_MAX_WAIT = top("litestream.resync.max-wait", ValueType.POSITIVE_DURATION,
            RESYNC.maxWait(), "cap of the doubling wait between such restarts; at least quiet-period");
    public static final Key<Duration> RESYNC_STALL_TIMEOUT = top("litestream.resync.stall-timeout",
            ValueType.POSITIVE_DURATION, RESYNC.stallTimeout(), "an upload unfinished this long is a stuck Litestream");
    public static final Key<String> LOG_LEVEL = top("litestream.log-level",
            LOG_LEVELS, "info", "threshold of the agent's own log lines");
    public static final Key<String> CACHE_DIR = top("litestream.cache-dir", ValueType.text("a directory path"), null,
            "where downloaded binaries are kept (default: the platform's cache directory)");
    public static final Key<Boolean> DOWNLOAD_ENABLED = top("litestream.download.enabled", ValueType.BOOLEAN, true,
            "false: never download Litestream");
    public static final Key<String> DOWNLOAD_BASE_URL = top("litestream.download.base-url", ValueType.MIRROR_URL,
            "https://github.com/benbjohnson/litestream/releases/download", "a mirror of the release assets");
    public static final Key<String> DOWNLOAD_SHA256 = top("litestream.download.sha256", ValueType.SHA256, null,
            "your own pin of the downloaded archive's sha256");

    public static final Key<String> DB_URL = database("url", ValueType.text("a jdbc:sqlite: URL"), false,
            "the database as a jdbc:sqlite: URL");
    public static final Key<String> DB_PATH = database("path", ValueType.text("a file path"), false,
            "the database as a file path");
    public static final Key<String> DB_DIR = database("dir", ValueType.text("a directory path"), false,
            "or a directory of databases, replicated by Litestream 0.5 (with pattern)");
    public static final Key<String> DB_PATTERN = database("pattern",
            ValueType.text("a file name pattern such as *.db"), false, "which files of dir are databases");
    public static final Key<Boolean> DB_RECURSIVE = database("recursive", ValueType.BOOLEAN, false,
            "true: dir's subdirectories too");
    public static final Key<Boolean> DB_WATCH = database("watch", ValueType.BOOLEAN, false,
            "true: databases created in dir later are replicated too");
    /** Its default is the global {@link #RESTORE_ON_START}. */
    public static final Key<Boolean> DB_RESTORE_ON_START = database("restore-on-start", ValueType.BOOLEAN, true,
            "per-database override of litestream.restore-on-start");
    public static final Key<String> DB_MONITOR_INTERVAL = litestreamOption("monitor-interval",
            ValueType.POSITIVE_GO_DURATION);
    public static final Key<String> DB_CHECKPOINT_INTERVAL = litestreamOption("checkpoint-interval",
            ValueType.GO_DURATION);
    public static final Key<String> DB_MIN_CHECKPOINT_PAGE_COUNT = litestreamOption("min-checkpoint-page-count",
            ValueType.PAGE_COUNT);
    public static final Key<String> DB_MAX_CHECKPOINT_PAGE_COUNT = litestreamOption("max-checkpoint-page-count",
            ValueType.PAGE_COUNT);

    private Keys() {
    }

    /** Every key outside {@code dbs.*} and {@code default-replica.*}, in declaration order. */
    public static List<Key<?>> topLevel() {
        return Collections.unmodifiableList(TOP_LEVEL);
    }

    /**
     * The top-level keys of Litestream's own config file that the agent writes as set
     * ({@code litestream.snapshot.interval} becomes {@code snapshot: {interval: …}}), in declaration order.
     */
    public static List<Key<?>> litestreamGlobal() {
        return Collections.unmodifiableList(LITESTREAM_GLOBAL);
    }

    /** Every {@code litestream.dbs.<alias>.*} setting besides {@code replica.*}, in declaration order. */
    public static List<Key<?>> database() {
        return Collections.unmodifiableList(DATABASE);
    }

    /**
     * The key an agent environment variable stands for, or empty when the name fits no key.
     * Top-level names are matched exactly; {@code DBS_<ALIAS>_<SETTING>} takes the alias as one word
     * (no {@code _}), lower-cased; {@code REPLICA_<OPTION>} and {@code DEFAULT_REPLICA_<OPTION>} map
     * {@code _} to {@code -} as every Litestream option is spelled with hyphens.
     */
    public static Optional<String> fromEnvName(String name) {
        for (Key<?> key : TOP_LEVEL) {
            if (key.envName().equals(name)) {
                return Optional.of(key.name());
            }
        }
        String rest = name.substring(ENV_PREFIX.length());
        if (rest.startsWith("DEFAULT_REPLICA_") && rest.length() > 16) {
            return Optional.of(DEFAULT_REPLICA + hyphenated(rest.substring(16)));
        }
        if (!rest.startsWith("DBS_")) {
            return Optional.empty();
        }
        int end = rest.indexOf('_', 4);
        if (end <= 4 || end == rest.length() - 1) {
            return Optional.empty();
        }
        String alias = rest.substring(4, end).toLowerCase(Locale.ROOT);
        String setting = rest.substring(end + 1);
        String sub = setting.startsWith("REPLICA_") ? REPLICA + hyphenated(setting.substring(8))
                : setting.startsWith("REPLICAS_") ? namedReplica(setting.substring(9)) : hyphenated(setting);
        return Optional.of(DBS + alias + "." + sub);
    }

    /** {@code <NAME>_<OPTION>} → {@code replicas.<name>.<option>}: the name is one word, as an alias is. */
    private static String namedReplica(String envPart) {
        int end = envPart.indexOf('_');
        return end <= 0 ? REPLICAS + hyphenated(envPart)
                : REPLICAS + envPart.substring(0, end).toLowerCase(Locale.ROOT) + "." + hyphenated(envPart.substring(end + 1));
    }

    /** {@code litestream.restart.initial-delay} → {@code LITESTREAM_AGENT_RESTART_INITIAL_DELAY}; any full key. */
    public static String envName(String key) {
        return ENV_PREFIX + key.substring(PREFIX.length()).toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    private static String hyphenated(String envPart) {
        return envPart.toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static <T> Key<T> top(String name, ValueType<T> type, T defaultValue, String doc) {
        return declare(TOP_LEVEL, new Key<>(Key.Scope.TOP_LEVEL, name, type, defaultValue, false, doc));
    }

    private static Key<String> litestreamGlobal(String name, ValueType<String> type, String doc) {
        return declare(LITESTREAM_GLOBAL, top(name, type, null, doc));
    }

    /** A key whose value premain must know: the start-up probe looks for it before main(). */
    private static <T> Key<T> topBeforeMain(String name, ValueType<T> type, T defaultValue, String doc) {
        return declare(TOP_LEVEL, new Key<>(Key.Scope.TOP_LEVEL, name, type, defaultValue, true, doc));
    }

    private static <T> Key<T> database(String name, ValueType<T> type, boolean beforeMain, String doc) {
        return declare(DATABASE, new Key<>(Key.Scope.DATABASE, name, type, null, beforeMain, doc));
    }

    private static Key<String> litestreamOption(String name, ValueType<String> type) {
        return declare(DATABASE, new Key<>(Key.Scope.DATABASE_LITESTREAM, name, type, null, false,
                "Litestream's own " + name + ", passed through"));
    }

    private static <T> Key<T> declare(List<Key<?>> list, Key<T> key) {
        list.add(key);
        return key;
    }
}
