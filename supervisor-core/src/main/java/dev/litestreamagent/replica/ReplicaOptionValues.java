package dev.litestreamagent.replica;

import dev.litestreamagent.settings.References;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/**
 * A replica's options as Litestream reads them: a whole {@code $VAR} or {@code ${VAR}} reference is
 * the variable's value (empty when it is not set, as Go's {@code os.ExpandEnv} does). Any other
 * {@code $} is a doubt, never guessed at.
 */
final class ReplicaOptionValues {
    private final Map<String, String> options;
    private final Map<String, String> environment;

    ReplicaOptionValues(Map<String, String> options, Map<String, String> environment) {
        this.options = options;
        this.environment = environment;
    }

    /** The option's value; empty when it is not set or expands to nothing. */
    Optional<String> get(String option) throws IOException {
        String value = options.get(option);
        if (value == null) {
            return Optional.empty();
        }
        if (References.isWhole(value)) {
            value = environment.getOrDefault(value.replaceAll("[${}]", ""), "");
        } else if (value.contains("$")) {
            throw new IOException("replica option '" + option + "' holds a '$' that is not a whole reference");
        }
        return value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    /** The option's value, which must be set. */
    String require(String option) throws IOException {
        return get(option).orElseThrow(() -> new IOException("replica option '" + option + "' is not set"));
    }

    /** A {@code true}/{@code false} option, or {@code otherwise} when it is not set. */
    boolean flag(String option, boolean otherwise) throws IOException {
        Optional<String> value = get(option);
        if (!value.isPresent()) {
            return otherwise;
        }
        if (!value.get().equals("true") && !value.get().equals("false")) {
            throw new IOException("replica option '" + option + "' is neither true nor false");
        }
        return Boolean.parseBoolean(value.get());
    }
}
