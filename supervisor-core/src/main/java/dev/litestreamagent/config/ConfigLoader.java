package dev.litestreamagent.config;

import dev.litestreamagent.dialect.LitestreamVersion;
import dev.litestreamagent.settings.Key;
import dev.litestreamagent.settings.Keys;
import dev.litestreamagent.settings.ListenAddress;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the {@link AgentConfig} from agent argument, {@code -Dlitestream.*}, {@code LITESTREAM_AGENT_*}
 * variables and the properties file (in that order of precedence), then defaults. Every problem is
 * collected and reported in one {@link ConfigException}.
 */
public final class ConfigLoader {
    private ConfigLoader() {
    }

    public static AgentConfig load(ConfigInput input) throws ConfigException {
        List<ConfigProblem> problems = new ArrayList<>();
        RawSettings raw = RawSettings.gather(input, problems);
        SettingReader r = new SettingReader(raw, problems);
        AgentConfig.Builder b = new AgentConfig.Builder();
        b.workingDirectory = input.workingDirectory();
        r.optional(Keys.CONFIG_FILE);
        b.enabled = r.read(Keys.ENABLED);
        b.required = r.read(Keys.REQUIRED);
        b.binPath = binPath(r, input.workingDirectory());
        b.statedVersion = version(r);
        Optional<String> pathPrefix = r.optional(Keys.PATH_PREFIX);
        String trimmed = pathPrefix.isPresent() ? pathPrefix.get().replaceAll("^/+|/+$", "") : "";
        b.pathPrefix = trimmed.isEmpty() ? null : trimmed;
        b.addr = address(r, Keys.ADDR, "Litestream's metrics endpoint", b.warnings);
        b.mcpAddr = address(r, Keys.MCP_ADDR, "Litestream's MCP server", b.warnings);
        b.healthAddr = address(r, Keys.HEALTH_ADDR, "the agent's health endpoint", b.warnings);
        VariableCheck variables = new VariableCheck(input.env(), r.optional(Keys.RUNTIME_ENV).orElse(null));
        litestreamGlobal(r, variables, b.litestreamGlobal);
        b.loggingLevel = r.optional(Keys.LOGGING_LEVEL).orElse(null);
        b.loggingType = r.optional(Keys.LOGGING_TYPE).orElse(null);
        b.loggingStderr = r.optional(Keys.LOGGING_STDERR).orElse(null);
        b.restoreOnStart = r.read(Keys.RESTORE_ON_START);
        b.restoreTimeout = r.read(Keys.RESTORE_TIMEOUT);
        b.stopTimeout = r.read(Keys.STOP_TIMEOUT);
        b.schemaSettle = r.read(Keys.SCHEMA_SETTLE);
        b.verifyTimeout = r.read(Keys.VERIFY_TIMEOUT);
        b.verifyInterval = r.optional(Keys.VERIFY_INTERVAL).orElse(null);
        b.restart = RestartReader.read(r);
        b.resync = ResyncReader.read(r);
        b.logLevel = r.read(Keys.LOG_LEVEL);
        b.cacheDirectory = cacheDirectory(r, input.workingDirectory());
        b.downloadEnabled = r.read(Keys.DOWNLOAD_ENABLED);
        b.downloadBaseUrl = r.read(Keys.DOWNLOAD_BASE_URL);
        b.downloadSha256 = r.optional(Keys.DOWNLOAD_SHA256).orElse(null);
        b.exec = r.optional(Keys.EXEC).orElse(null);
        for (DatabaseConfig db : new DatabasesReader(r, input, variables)
                .read(b.restoreOnStart, Optional.ofNullable(b.pathPrefix))) {
            (db.directory().isPresent() ? b.directories : b.databases).add(db);
        }
        if (b.databases.isEmpty() && b.directories.isEmpty() && !r.hasProblems()) {
            b.warnings.add("no database configured (litestream.dbs.<alias>.url or .path): nothing to replicate");
        }
        r.reportUnread();
        if (!problems.isEmpty()) {
            throw new ConfigException(new ArrayList<>(new LinkedHashSet<>(problems)), b.required);
        }
        b.sources = raw.description();
        b.settings.putAll(r.effective());
        return b.build();
    }

    /** Litestream's top-level settings, checked and kept as written; the installed version is checked at render. */
    private static void litestreamGlobal(SettingReader r, VariableCheck variables, Map<String, String> into) {
        for (Key<?> key : Keys.litestreamGlobal()) {
            Optional<?> value = r.optional(key);
            if (!value.isPresent()) {
                continue;
            }
            String text = value.get().toString();
            if (key == Keys.HEARTBEAT_URL && !text.matches("(?i)https?://[^/\\s]+\\S*")) {
                r.problem(key, text);
                continue;
            }
            variables.check(key.name(), text, r);
            into.put(key.name(), text);
        }
    }

    private static Path binPath(SettingReader r, Path workingDirectory) {
        Optional<String> value = r.optional(Keys.BIN_PATH);
        if (!value.isPresent()) {
            return null;
        }
        try {
            Path path = workingDirectory.resolve(value.get()).normalize();
            if (!Files.isDirectory(path)) {
                return path;
            }
        } catch (InvalidPathException e) {
            // reported below with the key
        }
        r.problem(Keys.BIN_PATH, value.get());
        return null;
    }

    private static Path cacheDirectory(SettingReader r, Path workingDirectory) {
        Optional<String> value = r.optional(Keys.CACHE_DIR);
        try {
            return value.isPresent() ? workingDirectory.resolve(value.get()).normalize() : null;
        } catch (InvalidPathException e) {
            r.problem(Keys.CACHE_DIR.name(), value.get(), Keys.CACHE_DIR.type().expected() + " (" + e.getReason() + ")");
            return null;
        }
    }

    private static LitestreamVersion version(SettingReader r) {
        Optional<String> value = r.optional(Keys.VERSION);
        if (!value.isPresent()) {
            return null;
        }
        try {
            return LitestreamVersion.parse(value.get());
        } catch (IllegalArgumentException e) {
            r.problem(Keys.VERSION, value.get());
            return null;
        }
    }

    private static String address(SettingReader r, Key<String> key, String what, List<String> warnings) {
        Optional<String> value = r.optional(key);
        if (value.isPresent() && !ListenAddress.isLoopback(value.get())) {
            warnings.add(key + ": \"" + value.get() + "\" listens beyond this machine; " + what
                    + " has no authentication, so bind it to 127.0.0.1:PORT unless other hosts must reach it");
        }
        return value.orElse(null);
    }
}
