package dev.litestreamagent.config;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Reads typed values out of {@link RawSettings}, recording a {@link ConfigProblem} for each bad one instead
 * of stopping, remembering every key it read so the rest can be reported as unknown, and collecting the
 * effective value of each key (secrets masked) for {@link AgentConfig#settings()}.
 */
final class SettingReader {
    private final RawSettings raw;
    private final List<ConfigProblem> problems;
    private final Set<String> read = new HashSet<>();
    private final Map<String, String> effective = new TreeMap<>();

    SettingReader(RawSettings raw, List<ConfigProblem> problems) {
        this.raw = raw;
        this.problems = problems;
    }

    Optional<String> string(String key) {
        read.add(key);
        Optional<String> value = raw.get(key).map(e -> e.value);
        value.ifPresent(v -> effective.put(key, Secrets.display(key, v)));
        return value;
    }

    /** Where the value of {@code key} came from, when it is set. */
    Optional<RawSettings.Source> source(String key) {
        return raw.get(key).map(e -> e.source);
    }

    boolean bool(String key, boolean fallback) {
        Optional<String> value = string(key);
        if (!value.isPresent()) {
            effective.put(key, Boolean.toString(fallback));
            return fallback;
        }
        String v = value.get().toLowerCase(Locale.ROOT);
        if (v.equals("true") || v.equals("false")) {
            return Boolean.parseBoolean(v);
        }
        problem(key, value.get(), "true or false");
        return fallback;
    }

    Optional<Boolean> optionalBool(String key) {
        if (!raw.get(key).isPresent()) {
            read.add(key);
            return Optional.empty();
        }
        return Optional.of(bool(key, false));
    }

    /** A positive duration in the agent's syntax ({@code 500ms}, {@code 10s}, {@code 5m}, {@code 1h}). */
    Duration duration(String key, Duration fallback) {
        Optional<String> value = string(key);
        if (!value.isPresent()) {
            effective.put(key, Durations.format(fallback));
            return fallback;
        }
        try {
            Duration d = Durations.parse(value.get());
            if (!d.isZero()) {
                return d;
            }
        } catch (IllegalArgumentException e) {
            // reported below with the key
        }
        problem(key, value.get(), "a positive " + Durations.EXPECTED.substring(2));
        return fallback;
    }

    double decimal(String key, double fallback, double min, double max) {
        Optional<String> value = string(key);
        if (!value.isPresent()) {
            effective.put(key, Double.toString(fallback));
            return fallback;
        }
        try {
            double d = Double.parseDouble(value.get());
            if (d >= min && d <= max) {
                return d;
            }
        } catch (NumberFormatException e) {
            // reported below with the key
        }
        problem(key, value.get(), "a number from " + min + " to " + max);
        return fallback;
    }

    int integer(String key, int fallback, int min) {
        Optional<String> value = string(key);
        if (!value.isPresent()) {
            effective.put(key, Integer.toString(fallback));
            return fallback;
        }
        try {
            int n = Integer.parseInt(value.get());
            if (n >= min) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below with the key
        }
        problem(key, value.get(), "a whole number of at least " + min);
        return fallback;
    }

    /** One of {@code allowed} (case-insensitive), returned lower-cased. */
    Optional<String> choice(String key, List<String> allowed) {
        Optional<String> value = string(key);
        if (!value.isPresent()) {
            return Optional.empty();
        }
        String v = value.get().toLowerCase(Locale.ROOT);
        if (allowed.contains(v)) {
            return Optional.of(v);
        }
        problem(key, value.get(), "one of " + allowed);
        return Optional.empty();
    }

    /** Records a default that {@link #string} did not see, so {@code settings()} shows it. */
    void effectiveDefault(String key, String value) {
        effective.putIfAbsent(key, Secrets.display(key, value));
    }

    void problem(String key, String seen, String expected) {
        problems.add(new ConfigProblem(key, seen == null ? null : Secrets.display(key, seen), expected + origin(key)));
    }

    /** A key set through the environment is named as the variable the user actually wrote. */
    private String origin(String key) {
        return source(key).filter(s -> s == RawSettings.Source.ENVIRONMENT)
                .map(s -> " (set by environment variable " + Keys.envName(key) + ")").orElse("");
    }

    boolean hasProblems() {
        return !problems.isEmpty();
    }

    /** Every set key no reader asked for: a typo, or a setting that does not exist. */
    void reportUnread() {
        raw.entries().forEach((key, entry) -> {
            if (!read.contains(key)) {
                problems.add(new ConfigProblem(key.isEmpty() ? "(an empty key)" : key, Secrets.maskUnknown(key, entry.value),
                        "a known key (see docs/configuration.md); this one does not exist"
                                + KeySuggestion.forKey(key).map(k -> ", did you mean " + k + "?").orElse("")
                                + origin(key)));
            }
        });
    }

    /** Marks every key under {@code prefix} as read: its problem was already reported as a whole. */
    void skip(String prefix) {
        read.addAll(keysUnder(prefix));
    }

    /** Keys under {@code prefix} that are set, in order. */
    Set<String> keysUnder(String prefix) {
        Set<String> keys = new TreeSet<>();
        for (String key : raw.entries().keySet()) {
            if (key.startsWith(prefix)) {
                keys.add(key);
            }
        }
        return keys;
    }

    Map<String, String> effective() {
        return effective;
    }
}
