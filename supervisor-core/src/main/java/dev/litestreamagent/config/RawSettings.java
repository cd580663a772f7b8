package dev.litestreamagent.config;

import dev.litestreamagent.settings.KeySuggestion;
import dev.litestreamagent.settings.Keys;
import java.io.IOException;
import java.io.BufferedReader;
import java.io.FileInputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/** Every {@code litestream.*} value from every source, the highest-precedence one kept per key. */
final class RawSettings {
    /** Declared lowest precedence first: a later source overrides an earlier one. */
    enum Source { FILE, ENVIRONMENT, SYSTEM_PROPERTY, AGENT_ARGUMENT }

    /** A value and where it came from. */
    static final class Entry {
        final String value;
        final Source source;

        Entry(String value, Source source) {
            this.value = value;
            this.source = source;
        }
    }

    /** Surefire passes the test suite's own settings under this prefix; they are not agent settings. */
    private static final String RESERVED_TEST_PREFIX = "litestream.test.";

    private final Map<String, Entry> entries = new TreeMap<>();
    private Path fileDirectory;
    private final List<String> described = new ArrayList<>();

    private RawSettings() {
    }

    static RawSettings gather(ConfigInput input, List<ConfigProblem> problems) {
        RawSettings raw = new RawSettings();
        Map<String, String> agentArgs = parseAgentArgs(input.agentArgs().orElse(""), problems);
        Map<String, String> sysprops = new TreeMap<>();
        for (Map.Entry<String, String> property : input.systemProperties().entrySet()) {
            String k = property.getKey();
            if (k.startsWith(Keys.PREFIX) && !k.startsWith(RESERVED_TEST_PREFIX)) {
                sysprops.put(k, Secrets.trimUnlessSecret(k, property.getValue()));
            }
        }
        Map<String, String> env = parseEnv(input.env(), problems);
        raw.loadFile(input, agentArgs, sysprops, env, problems);
        raw.putAll(env, Source.ENVIRONMENT, "environment: " + env.size() + " LITESTREAM_AGENT_* variable(s)");
        raw.putAll(sysprops, Source.SYSTEM_PROPERTY, "system properties: " + sysprops.size() + " litestream.* key(s)");
        raw.putAll(agentArgs, Source.AGENT_ARGUMENT, "agent argument: " + agentArgs.size() + " key(s)");
        return raw;
    }

    Optional<Entry> get(String key) {
        return Optional.ofNullable(entries.get(key));
    }

    Map<String, Entry> entries() {
        return Collections.unmodifiableMap(entries);
    }

    /** The directory of the properties file read from disk; empty when none was (or it came from the class path). */
    Optional<Path> fileDirectory() {
        return Optional.ofNullable(fileDirectory);
    }

    /** Where settings came from, for people: one source per line. */
    String description() {
        return described.isEmpty() ? "defaults only (no properties file, no litestream.* settings)"
                : String.join("\n", described);
    }

    private void putAll(Map<String, String> values, Source source, String description) {
        for (Map.Entry<String, String> value : values.entrySet()) {
            entries.put(value.getKey(), new Entry(value.getValue(), source));
        }
        if (!values.isEmpty()) {
            described.add(description);
        }
    }

    /** {@code config=/p.properties,stop-timeout=5s;litestream.enabled=false}: the {@code litestream.} prefix is optional. */
    private static Map<String, String> parseAgentArgs(String args, List<ConfigProblem> problems) {
        Map<String, String> out = new TreeMap<>();
        for (String pair : args.split("[,;]")) {
            if (pair.trim().isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                problems.add(new ConfigProblem("agent argument", Secrets.maskUnknown(pair.trim()),
                        "key=value pairs separated by , or ; (for example config=/etc/litestream.properties)"));
                continue;
            }
            String key = SettingsFile.agentArgumentKey(pair.substring(0, eq).trim());
            out.put(key, Secrets.trimUnlessSecret(key, pair.substring(eq + 1)));
        }
        return out;
    }

    private static Map<String, String> parseEnv(Map<String, String> env, List<ConfigProblem> problems) {
        Map<String, String> out = new TreeMap<>();
        for (Map.Entry<String, String> variable : env.entrySet()) {
            String name = variable.getKey();
            if (!name.startsWith(Keys.ENV_PREFIX)) {
                continue;
            }
            Optional<String> key = Keys.fromEnvName(name);
            if (key.isPresent()) {
                out.put(key.get(), Secrets.trimUnlessSecret(key.get(), variable.getValue()));
            } else {
                problems.add(new ConfigProblem(name, Secrets.maskUnknown(name, variable.getValue()),
                        KeySuggestion.forEnvName(name).map(known -> "a known variable, did you mean " + known + "?")
                                .orElse("a variable named after a known key, such as LITESTREAM_AGENT_STOP_TIMEOUT or "
                                        + "LITESTREAM_AGENT_DBS_<ALIAS>_URL (java -jar litestream-agent.jar help keys lists them)")));
            }
        }
        return out;
    }

    /** The file {@link SettingsFile} finds; a named file that cannot be read is a problem. */
    private void loadFile(ConfigInput input, Map<String, String> agentArgs, Map<String, String> sysprops,
            Map<String, String> env, List<ConfigProblem> problems) {
        String named = agentArgs.getOrDefault(Keys.CONFIG_FILE.name(),
                sysprops.getOrDefault(Keys.CONFIG_FILE.name(), env.get(Keys.CONFIG_FILE.name())));
        SettingsFile located;
        try {
            located = SettingsFile.locate(named, input.workingDirectory(), input.classLoader().orElse(null));
        } catch (InvalidPathException e) {
            problems.add(new ConfigProblem(Keys.CONFIG_FILE.name(), named,
                    Keys.CONFIG_FILE.type().expected() + " (" + e.getReason() + ")"));
            return;
        }
        Path file = located.path();
        if (named != null && (!Files.isRegularFile(file) || !Files.isReadable(file))) {
            problems.add(new ConfigProblem(Keys.CONFIG_FILE.name(), named, "a readable properties file (" + file
                    + (Files.isDirectory(file) ? " is a directory)" : " does not exist or cannot be read)")));
        } else if (file != null) {
            readFile(file, problems);
        } else if (located.resource() != null) {
            try (InputStream in = located.resource().openStream()) {
                load(in, "class path: " + located.resource());
            } catch (IOException e) {
                problems.add(new ConfigProblem(Keys.CONFIG_FILE.name(), located.resource().toString(),
                        "a readable class-path resource (" + e.getMessage() + ")"));
            }
        }
    }

    private void readFile(Path file, List<ConfigProblem> problems) {
        // A FileInputStream, not Files.newInputStream: that one loads the NIO channel classes, a cold CLI's cost.
        try (InputStream in = new FileInputStream(file.toFile())) {
            load(in, "properties file: " + file);
            fileDirectory = file.toAbsolutePath().getParent();
        } catch (IOException | IllegalArgumentException e) {
            problems.add(new ConfigProblem(Keys.CONFIG_FILE.name(), file.toString(),
                    "a readable properties file (" + e.getMessage() + ")"));
        }
    }

    private void load(InputStream in, String description) throws IOException {
        Properties props = new Properties();
        try (Reader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            // Editors on Windows start UTF-8 files with a byte order mark; Properties would make it part of the first key.
            reader.mark(1);
            if (reader.read() != '\uFEFF') {
                reader.reset();
            }
            props.load(reader);
        }
        Map<String, String> values = new TreeMap<>();
        for (String k : props.stringPropertyNames()) {
            values.put(k.trim(), Secrets.trimUnlessSecret(k.trim(), props.getProperty(k)));
        }
        putAll(values, Source.FILE, description);
        if (values.isEmpty()) {
            described.add(description + " (empty)");
        }
    }
}
