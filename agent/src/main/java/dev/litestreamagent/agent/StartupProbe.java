package dev.litestreamagent.agent;

import dev.litestreamagent.config.SettingsFile;
import dev.litestreamagent.settings.Key;
import dev.litestreamagent.settings.Keys;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Whether premain must load the configuration before main(): only when a source mentions a key
 * the registry marks {@link Key#beforeMain()} ({@code required}, {@code restore-on-start}).
 * Loading and validating costs tens of milliseconds in a cold JVM, so every other start does
 * it on the agent's own thread. Conservative by design: a plain text scan of the raw sources,
 * where a false "yes" only costs that time and a false "no" cannot happen (those keys can come
 * from nowhere else). Plain loops and no lambdas: their first use is itself slow in a cold JVM.
 */
final class StartupProbe {
    private static final List<String> WORDS = words();

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
            if (named == null && key.equals(Keys.CONFIG_FILE.name())) {
                named = String.valueOf(property.getValue()).trim(); // trimmed, as the full load reads it
            }
        }
        for (Map.Entry<String, String> variable : env.entrySet()) {
            if (variable.getKey().startsWith(Keys.ENV_PREFIX) && mentions(variable.getKey())) {
                return true;
            }
        }
        String namedByEnv = env.get(Keys.CONFIG_FILE.envName());
        if (named == null && namedByEnv != null) {
            named = namedByEnv.trim();
        }
        try {
            SettingsFile file = SettingsFile.locate(named, Paths.get("").toAbsolutePath(), classLoader);
            if (file.path() != null) {
                return !Files.isRegularFile(file.path())
                        || mentions(new String(Files.readAllBytes(file.path()), StandardCharsets.UTF_8));
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
        for (String pair : agentArgs.split("[,;]")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && SettingsFile.agentArgumentKey(pair.substring(0, eq).trim()).equals(Keys.CONFIG_FILE.name())) {
                named = pair.substring(eq + 1).trim();
            }
        }
        return named;
    }

    /** The last part of each such key as properties and as environment variables spell it (any case). */
    private static List<String> words() {
        List<String> words = new ArrayList<>();
        addWords(Keys.topLevel(), words);
        addWords(Keys.database(), words);
        return words;
    }

    private static void addWords(List<Key<?>> keys, List<String> words) {
        for (Key<?> key : keys) {
            if (key.beforeMain()) {
                String last = key.name().substring(key.name().lastIndexOf('.') + 1);
                addOnce(words, last);
                addOnce(words, last.replace('-', '_'));
            }
        }
    }

    private static void addOnce(List<String> words, String word) {
        if (!words.contains(word)) {
            words.add(word);
        }
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
