package dev.litestreamagent.config;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The catalogue of setting keys and their environment-variable names. */
final class Keys {
    static final String PREFIX = "litestream.";
    static final String DBS = "litestream.dbs.";
    static final String DEFAULT_REPLICA = "litestream.default-replica.";
    static final String REPLICA = "replica.";

    /**
     * Agent variables all start with this, so none can be one Litestream reads itself
     * ({@code LITESTREAM_ACCESS_KEY_ID}, {@code LITESTREAM_SECRET_ACCESS_KEY}, {@code LITESTREAM_CONFIG}).
     */
    static final String ENV_PREFIX = "LITESTREAM_AGENT_";

    static final String CONFIG_FILE = "litestream.config-file";
    static final String ENABLED = "litestream.enabled";
    static final String REQUIRED = "litestream.required";
    static final String BIN_PATH = "litestream.bin-path";
    static final String VERSION = "litestream.version";
    static final String PATH_PREFIX = "litestream.path-prefix";
    static final String ADDR = "litestream.addr";
    static final String MCP_ADDR = "litestream.mcp-addr";
    static final String LOGGING_LEVEL = "litestream.logging.level";
    static final String LOGGING_TYPE = "litestream.logging.type";
    static final String LOGGING_STDERR = "litestream.logging.stderr";
    static final String RESTORE_ON_START = "litestream.restore-on-start";
    static final String RESTORE_TIMEOUT = "litestream.restore-timeout";
    static final String STOP_TIMEOUT = "litestream.stop-timeout";
    static final String VERIFY_TIMEOUT = "litestream.verify.timeout";
    static final String RESTART_INITIAL_DELAY = "litestream.restart.initial-delay";
    static final String RESTART_MULTIPLIER = "litestream.restart.multiplier";
    static final String RESTART_MAX_DELAY = "litestream.restart.max-delay";
    static final String RESTART_JITTER = "litestream.restart.jitter";
    static final String RESTART_MIN_UPTIME = "litestream.restart.min-uptime";
    static final String RESTART_CRASH_LOOP_COUNT = "litestream.restart.crash-loop-count";
    static final String RESTART_CRASH_LOOP_WINDOW = "litestream.restart.crash-loop-window";
    static final String RESTART_CRASH_LOOP_ACTION = "litestream.restart.crash-loop-action";
    static final String RESYNC_ENABLED = "litestream.resync.enabled";
    static final String RESYNC_QUIET_PERIOD = "litestream.resync.quiet-period";
    static final String RESYNC_MAX_WAIT = "litestream.resync.max-wait";
    static final String RESYNC_STALL_TIMEOUT = "litestream.resync.stall-timeout";
    static final String LOG_LEVEL = "litestream.log-level";
    static final String CACHE_DIR = "litestream.cache-dir";
    static final String DOWNLOAD_ENABLED = "litestream.download.enabled";
    static final String DOWNLOAD_BASE_URL = "litestream.download.base-url";
    static final String DOWNLOAD_SHA256 = "litestream.download.sha256";

    /** Every key outside {@code dbs.*} and {@code default-replica.*}. */
    static final List<String> TOP_LEVEL = Collections.unmodifiableList(Arrays.asList(CONFIG_FILE, ENABLED, REQUIRED,
            BIN_PATH, VERSION, PATH_PREFIX, ADDR, MCP_ADDR, LOGGING_LEVEL, LOGGING_TYPE, LOGGING_STDERR,
            RESTORE_ON_START, RESTORE_TIMEOUT, STOP_TIMEOUT, VERIFY_TIMEOUT, RESTART_INITIAL_DELAY, RESTART_MULTIPLIER,
            RESTART_MAX_DELAY, RESTART_JITTER, RESTART_MIN_UPTIME, RESTART_CRASH_LOOP_COUNT, RESTART_CRASH_LOOP_WINDOW,
            RESTART_CRASH_LOOP_ACTION, RESYNC_ENABLED, RESYNC_QUIET_PERIOD, RESYNC_MAX_WAIT,
            RESYNC_STALL_TIMEOUT, LOG_LEVEL, CACHE_DIR, DOWNLOAD_ENABLED, DOWNLOAD_BASE_URL, DOWNLOAD_SHA256));

    /** Per-database settings besides {@code url}/{@code path}/{@code replica.*}: the agent's, then Litestream's (passed through). */
    static final String DB_URL = "url";
    static final String DB_PATH = "path";
    static final String DB_RESTORE_ON_START = "restore-on-start";
    static final List<String> DB_LITESTREAM_DURATIONS = Collections.unmodifiableList(Arrays.asList(
            "monitor-interval", "checkpoint-interval"));
    static final List<String> DB_LITESTREAM_COUNTS = Collections.unmodifiableList(Arrays.asList(
            "min-checkpoint-page-count", "max-checkpoint-page-count"));

    private Keys() {
    }

    /** {@code litestream.restart.initial-delay} → {@code LITESTREAM_AGENT_RESTART_INITIAL_DELAY}. */
    static String envName(String key) {
        return ENV_PREFIX + key.substring(PREFIX.length()).toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /**
     * The key an agent environment variable stands for, or empty when the name fits no key.
     * Top-level names are matched exactly; {@code DBS_<ALIAS>_<SETTING>} takes the alias as one word
     * (no {@code _}), lower-cased; {@code REPLICA_<OPTION>} and {@code DEFAULT_REPLICA_<OPTION>} map
     * {@code _} to {@code -} as every Litestream option is spelled with hyphens.
     */
    static Optional<String> fromEnvName(String name) {
        for (String key : TOP_LEVEL) {
            if (envName(key).equals(name)) {
                return Optional.of(key);
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
        String sub = setting.startsWith("REPLICA_") ? REPLICA + hyphenated(setting.substring(8)) : hyphenated(setting);
        return Optional.of(DBS + alias + "." + sub);
    }

    private static String hyphenated(String envPart) {
        return envPart.toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
