package dev.litestreamagent.config;

import dev.litestreamagent.dialect.LitestreamVersion;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Builds the {@link AgentConfig} from agent argument, {@code -Dlitestream.*}, {@code LITESTREAM_AGENT_*}
 * variables and the properties file (in that order of precedence), then defaults. Every problem is
 * collected and reported in one {@link ConfigException}.
 */
public final class ConfigLoader {
    static final List<String> LOG_LEVELS = Arrays.asList("trace", "debug", "info", "warn", "error");
    static final List<String> LOG_TYPES = Arrays.asList("text", "json");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private ConfigLoader() {
    }

    public static AgentConfig load(ConfigInput input) throws ConfigException {
        List<ConfigProblem> problems = new ArrayList<>();
        RawSettings raw = RawSettings.gather(input, problems);
        SettingReader r = new SettingReader(raw, problems);
        AgentConfig.Builder b = new AgentConfig.Builder();
        b.workingDirectory = input.workingDirectory();
        r.string(Keys.CONFIG_FILE);
        b.enabled = r.bool(Keys.ENABLED, b.enabled);
        b.required = r.bool(Keys.REQUIRED, b.required);
        b.binPath = binPath(r, input.workingDirectory());
        b.statedVersion = version(r);
        b.pathPrefix = r.string(Keys.PATH_PREFIX).map(p -> p.replaceAll("^/+|/+$", "")).filter(p -> !p.isEmpty())
                .orElse(null);
        b.addr = address(r, Keys.ADDR, "metrics endpoint", b.warnings);
        b.mcpAddr = address(r, Keys.MCP_ADDR, "MCP server", b.warnings);
        b.loggingLevel = r.choice(Keys.LOGGING_LEVEL, LOG_LEVELS).orElse(null);
        b.loggingType = r.choice(Keys.LOGGING_TYPE, LOG_TYPES).orElse(null);
        b.loggingStderr = r.optionalBool(Keys.LOGGING_STDERR).orElse(null);
        b.restoreOnStart = r.bool(Keys.RESTORE_ON_START, b.restoreOnStart);
        b.restoreTimeout = r.duration(Keys.RESTORE_TIMEOUT, b.restoreTimeout);
        b.stopTimeout = r.duration(Keys.STOP_TIMEOUT, b.stopTimeout);
        b.verifyTimeout = r.duration(Keys.VERIFY_TIMEOUT, b.verifyTimeout);
        b.restart = RestartReader.read(r);
        b.resync = ResyncReader.read(r);
        b.logLevel = r.choice(Keys.LOG_LEVEL, LOG_LEVELS).orElse(b.logLevel);
        b.cacheDirectory = cacheDirectory(r, input.workingDirectory());
        b.downloadEnabled = r.bool(Keys.DOWNLOAD_ENABLED, b.downloadEnabled);
        b.downloadBaseUrl = downloadBaseUrl(r);
        b.downloadSha256 = r.string(Keys.DOWNLOAD_SHA256).map(String::toLowerCase).filter(s -> {
            boolean ok = SHA256.matcher(s).matches();
            if (!ok) {
                r.problem(Keys.DOWNLOAD_SHA256, s, "64 hexadecimal digits (a sha256 checksum)");
            }
            return ok;
        }).orElse(null);
        b.databases.addAll(new DatabasesReader(r, input, b.warnings)
                .read(b.restoreOnStart, Optional.ofNullable(b.pathPrefix)));
        if (b.databases.isEmpty() && !r.hasProblems()) {
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

    private static Path binPath(SettingReader r, Path workingDirectory) {
        Optional<String> value = r.string(Keys.BIN_PATH);
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
        r.problem(Keys.BIN_PATH, value.get(), "the path of the litestream executable (not a directory)");
        return null;
    }

    private static Path cacheDirectory(SettingReader r, Path workingDirectory) {
        Optional<String> value = r.string(Keys.CACHE_DIR);
        try {
            return value.map(d -> workingDirectory.resolve(d).normalize()).orElse(null);
        } catch (InvalidPathException e) {
            r.problem(Keys.CACHE_DIR, value.get(), "a directory path (" + e.getReason() + ")");
            return null;
        }
    }

    private static LitestreamVersion version(SettingReader r) {
        Optional<String> value = r.string(Keys.VERSION);
        if (!value.isPresent()) {
            return null;
        }
        try {
            return LitestreamVersion.parse(value.get());
        } catch (IllegalArgumentException e) {
            r.problem(Keys.VERSION, value.get(), "a Litestream version such as 0.3.13 or v0.5.2");
            return null;
        }
    }

    private static String downloadBaseUrl(SettingReader r) {
        Optional<String> value = r.string(Keys.DOWNLOAD_BASE_URL);
        if (value.isPresent() && !value.get().matches("(?i)(https?|file)://\\S+")) {
            r.problem(Keys.DOWNLOAD_BASE_URL, value.get(), "an http(s):// or file:// URL of a Litestream release mirror");
            return null;
        }
        return value.orElse(null);
    }

    private static String address(SettingReader r, String key, String what, List<String> warnings) {
        Optional<String> value = r.string(key);
        if (!value.isPresent()) {
            return null;
        }
        if (!ListenAddress.isValid(value.get())) {
            r.problem(key, value.get(), ListenAddress.EXPECTED);
            return null;
        }
        if (!ListenAddress.isLoopback(value.get())) {
            warnings.add(key + ": \"" + value.get() + "\" listens beyond this machine; Litestream's " + what
                    + " has no authentication, so bind it to 127.0.0.1:PORT unless other hosts must reach it");
        }
        return value.get();
    }
}
