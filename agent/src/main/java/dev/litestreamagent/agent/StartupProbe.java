package dev.litestreamagent.agent;

import dev.litestreamagent.config.SettingsFile;
import dev.litestreamagent.settings.Key;
import dev.litestreamagent.settings.Keys;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.Locale;
import java.util.Map;

/**
 * Whether premain must load the configuration before main(): only when a source mentions a key
 * the registry marks {@link Key#beforeMain()} ({@code required}, {@code restore-on-start}).
 * Loading and validating costs tens of milliseconds in a cold JVM, so every other start does
 * it on the agent's own thread. Conservative by design: a plain text scan of the raw sources,
 * where a false "yes" only costs that time and a false "no" cannot happen (those keys can come
 * from nowhere else). Plain loops, no lambdas, no regex and no registry: in a cold JVM each of
 * them costs milliseconds on main()'s critical path ({@link Keys} alone about 6 ms).
 */
final class StartupProbe {
    /**
     * The last part of each {@link Key#beforeMain()} key as properties and as environment variables spell
     * it (any case): constants, as reading the registry would initialise it. StartupProbeTest checks them
     * against the registry.
     */
    static final String[] WORDS = {"required", "restore-on-start", "restore_on_start"};
    private static final String CONFIG_FILE_ENV = Keys.ENV_PREFIX + "CONFIG_FILE";

    private StartupProbe() {
    }

    static boolean mustLoadBeforeMain(String agentArgs, Map<Object, Object> systemProperties, Map<String, String> env,
            ClassLoader classLoader) {
        if (mentions(agentArgs)) {
            return true;
        }
        String named = namedFile(agentArgs);
        for (Map.Entry<Object, Object> property : systemProperties.entrySet()) {
            String key = String.valueOf(property.getKey());
            if (key.startsWith(Keys.PREFIX) && mentions(key)) {
                return true;
            }
            if (named == null && key.equals(Keys.CONFIG_FILE_NAME)) {
                named = String.valueOf(property.getValue()).trim(); // trimmed, as the full load reads it
            }
        }
        for (Map.Entry<String, String> variable : env.entrySet()) {
            if (variable.getKey().startsWith(Keys.ENV_PREFIX) && mentions(variable.getKey())) {
                return true;
            }
        }
        String namedByEnv = env.get(CONFIG_FILE_ENV);
        if (named == null && namedByEnv != null) {
            named = namedByEnv.trim();
        }
        try {
            SettingsFile file = SettingsFile.locate(named, Paths.get("").toAbsolutePath(), classLoader);
            if (file.path() != null) {
                if (!Files.isRegularFile(file.path())) {
                    return true;
                }
                try (InputStream in = new FileInputStream(file.path().toFile())) { // NIO channels: ~25 classes more
                    return mentions(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
            if (file.resource() != null) {
                try (InputStream in = file.resource().openStream()) {
                    return mentions(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
            return false;
        } catch (IOException | RuntimeException unreadable) {
            return true; // let the full load report it, before main()
        }
    }

    /** {@code config=PATH} (or a longer key) in the agent argument; the last one wins, as in the full load. */
    private static String namedFile(String agentArgs) {
        if (agentArgs == null) {
            return null;
        }
        String named = null;
        int start = 0;
        while (start <= agentArgs.length()) {
            int end = start;
            while (end < agentArgs.length() && agentArgs.charAt(end) != ',' && agentArgs.charAt(end) != ';') {
                end++;
            }
            String pair = agentArgs.substring(start, end);
            int eq = pair.indexOf('=');
            if (eq > 0 && SettingsFile.agentArgumentKey(pair.substring(0, eq).trim()).equals(Keys.CONFIG_FILE_NAME)) {
                named = pair.substring(eq + 1).trim();
            }
            start = end + 1;
        }
        return named;
    }

    private static boolean mentions(String text) {
        if (text == null) {
            return false;
        }
        String lower = text.toLowerCase(Locale.ROOT);
        for (String word : WORDS) {
            if (lower.contains(word)) {
                return true;
            }
        }
        return false;
    }
}
