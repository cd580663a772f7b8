package dev.litestreamagent.config;

import dev.litestreamagent.secrets.SecretMask;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A Litestream config file and the variables it refers to. The YAML holds no secret value, so it can be
 * printed and written to disk as is; {@link #environment()} must be added to the environment of every
 * Litestream process started with it, and never logged.
 */
public final class RenderedConfig {
    private final String yaml;
    private final Map<String, String> environment;
    private final SecretMask outputMask;

    RenderedConfig(String yaml, Map<String, String> environment, List<String> secrets) {
        this.yaml = yaml;
        this.environment = Collections.unmodifiableMap(new TreeMap<>(environment));
        this.outputMask = SecretMask.of(secrets);
    }

    /** A variable of {@link #environment()} that holds a secret (the others hold escapes, such as a {@code $}). */
    public static boolean isSecretVariable(String name) {
        return name.startsWith(EnvEncoding.SECRET_PREFIX);
    }

    /**
     * {@code command} prefixed with {@code env -u NAME…} for each secret variable among {@code variables}, so that
     * it starts without them (Litestream runs its exec command with its own environment); as it is when there is
     * none. Variable names need no quoting in Litestream's word splitting.
     */
    public static String withoutSecrets(String command, Collection<String> variables) {
        StringBuilder unset = new StringBuilder();
        for (String name : new TreeSet<>(variables)) {
            if (isSecretVariable(name)) {
                unset.append(" -u ").append(name);
            }
        }
        return unset.length() == 0 ? command : "env" + unset + " " + command;
    }

    /** The file content exactly as Litestream reads it (before its own {@code $VAR} expansion). */
    public String yaml() {
        return yaml;
    }

    /** {@code LSA_*} variables the YAML refers to: secrets and escaped {@code $} signs. Holds secret values. */
    public Map<String, String> environment() {
        return environment;
    }

    /** Masks the secret values behind the {@code LSA_SECRET_*} variables wherever Litestream's output shows them. */
    public SecretMask outputMask() {
        return outputMask;
    }

    /** The YAML and the variable names only: never the values. */
    @Override
    public String toString() {
        return yaml + "# environment: " + environment.keySet();
    }
}
