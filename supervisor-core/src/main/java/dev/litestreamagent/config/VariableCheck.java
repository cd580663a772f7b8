package dev.litestreamagent.config;

import dev.litestreamagent.settings.Keys;
import dev.litestreamagent.settings.References;
import java.util.Collections;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * {@code $NAME} references in values Litestream expands must name a variable that is set: Litestream
 * inherits this environment and turns an unset one into an empty string without a word (an empty bucket,
 * empty credentials). {@code litestream.runtime-env} lists the names left to Litestream regardless.
 */
final class VariableCheck {
    private final Map<String, String> env;
    private final Set<String> runtime;

    VariableCheck(Map<String, String> env, String runtimeEnv) {
        this.env = env;
        this.runtime = runtimeEnv == null ? Collections.<String>emptySet()
                : new HashSet<>(Arrays.asList(runtimeEnv.split(",")));
    }

    /**
     * Records a problem for each unset variable {@code value} (the value of {@code key}) refers to. A secret
     * is a reference only when it is one whole {@code $NAME}: otherwise it travels literally (see
     * {@link EnvEncoding}), and its text must never appear in a message.
     */
    void check(String key, String value, SettingReader reader) {
        if (Secrets.isSecretKey(key) && !Secrets.isReference(value)) {
            return;
        }
        for (String name : References.names(value)) {
            if (!env.containsKey(name) && !runtime.contains(name)) {
                reader.problem(key, value, "a value whose variables are set: " + name + " is not set, and Litestream "
                        + "would make $" + name + " an empty string (set " + name + ", write $$ for a literal $, or list "
                        + name + " in " + Keys.RUNTIME_ENV.name() + " to leave it to Litestream, empty when unset)");
            }
        }
    }
}
