package dev.litestreamagent.config;

import dev.litestreamagent.settings.Key;
import dev.litestreamagent.settings.KeySuggestion;
import dev.litestreamagent.settings.Keys;
import dev.litestreamagent.settings.ValueType;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
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
        Optional<RawSettings.Entry> entry = raw.get(key);
        if (!entry.isPresent()) {
            return Optional.empty();
        }
        effective.put(key, Secrets.display(key, entry.get().value));
        return Optional.of(entry.get().value);
    }

    /**
     * What a relative path in {@code key}'s value is relative to: the properties file's directory when
     * the value comes from that file (it then means the same wherever the CLI or the application runs
     * from), else {@code workingDirectory}.
     */
    Path relativeTo(String key, Path workingDirectory) {
        return source(key).orElse(null) == RawSettings.Source.FILE ? raw.fileDirectory().orElse(workingDirectory)
                : workingDirectory;
    }

    /** Where the value of {@code key} came from, when it is set. */
    Optional<RawSettings.Source> source(String key) {
        Optional<RawSettings.Entry> entry = raw.get(key);
        return entry.isPresent() ? Optional.of(entry.get().source) : Optional.empty();
    }

    /** The value of a key with a default: the default when unset or invalid (then a problem is recorded). */
    <T> T read(Key<T> key) {
        return read(key.name(), key.type(), key.defaultValue());
    }

    /** The value of a key without a default; empty when unset or invalid (then a problem is recorded). */
    <T> Optional<T> optional(Key<T> key) {
        return Optional.ofNullable(read(key));
    }

    /**
     * The value under {@code name} (a database's key), parsed by {@code type}; {@code fallback} when unset or
     * invalid. A fallback shows in {@code settings()} as the effective value.
     */
    <T> T read(String name, ValueType<T> type, T fallback) {
        Optional<String> value = string(name);
        if (!value.isPresent()) {
            if (fallback != null) {
                effective.put(name, type.format(fallback));
            }
            return fallback;
        }
        try {
            return type.parse(value.get());
        } catch (IllegalArgumentException e) {
            problem(name, value.get(), type.expected());
            return fallback;
        }
    }

    /** Records a default that {@link #string} did not see, so {@code settings()} shows it. */
    void effectiveDefault(String key, String value) {
        effective.putIfAbsent(key, Secrets.display(key, value));
    }

    /** A problem with a key's value that its reader found in context (a path that is a directory). */
    void problem(Key<?> key, String seen) {
        problem(key.name(), seen, key.type().expected());
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
        for (Map.Entry<String, RawSettings.Entry> set : raw.entries().entrySet()) {
            String key = set.getKey();
            if (!read.contains(key)) {
                problems.add(new ConfigProblem(key.isBlank() ? "(a key that is empty or only blanks)" : key, Secrets.maskUnknown(key, set.getValue().value),
                        "a known key (java -jar litestream-agent.jar help keys lists them); this one does not exist"
                                + KeySuggestion.forKey(key).map(k -> ", did you mean " + k + "?").orElse("")
                                + origin(key)));
            }
        }
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
