package dev.litestreamagent.config;

import dev.litestreamagent.dialect.Dialect;
import dev.litestreamagent.settings.KeySuggestion;
import dev.litestreamagent.settings.ValueType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Checks Litestream replica options where the config is read: each name against the options its type has
 * in the dialects' tables (an unknown one would be ignored by Litestream without a word), their values
 * (durations, booleans, the option each type needs), so mistakes show at start-up and not in Litestream's log.
 */
final class ReplicaOptions {
    /** Parsed by Litestream with Go's {@code time.ParseDuration}. */
    static final List<String> DURATIONS = Collections.unmodifiableList(Arrays.asList(
            "sync-interval", "snapshot-interval", "retention", "retention-check-interval", "validation-interval",
            "reconnect-wait", "timeout"));
    /** Litestream panics on a zero sync interval; zero turns the other durations off. */
    private static final List<String> POSITIVE_DURATIONS = Collections.singletonList("sync-interval");
    static final List<String> BOOLEANS = Collections.unmodifiableList(Arrays.asList("force-path-style", "skip-verify",
            "sign-payload", "require-content-md5", "auto-recover", "concurrent-writes", "tls"));

    /** Options shown first, in this order, as Litestream's documentation lists them; the rest alphabetically, secrets last. */
    private static final List<String> LEADING = Collections.unmodifiableList(Arrays.asList(
            "type", "url", "bucket", "path", "endpoint", "region"));

    /** Options Litestream refuses to start without, by replica type (unless the replica is given as a url). */
    private static final Map<String, List<String>> NEEDS = new HashMap<>();

    static {
        NEEDS.put("s3", Collections.singletonList("bucket"));
        NEEDS.put("gcs", Collections.singletonList("bucket"));
        NEEDS.put("abs", Collections.singletonList("bucket"));
        NEEDS.put("file", Collections.singletonList("path"));
        NEEDS.put("sftp", Arrays.asList("host", "user"));
    }

    /** The replica type a {@code url} option's scheme stands for, as {@code ReplicaTypeFromURL} reads it. */
    private static final Map<String, String> URL_SCHEMES = new HashMap<>();

    static {
        for (String type : Arrays.asList("s3", "gcs", "abs", "sftp", "file", "nats", "oss", "webdav")) {
            URL_SCHEMES.put(type, type);
        }
        URL_SCHEMES.put("gs", "gcs");
        URL_SCHEMES.put("webdavs", "webdav");
    }

    private ReplicaOptions() {
    }

    /**
     * Checks the replica options of one database ({@code keyPrefix} is {@code litestream.dbs.<alias>.replica.})
     * against the options its type has in any Litestream version (the installed version is checked when the
     * config is rendered), and returns them with {@code type} first and {@code gs} spelled {@code gcs}, as
     * Litestream knows it.
     */
    static Map<String, String> check(String keyPrefix, Map<String, String> options, SettingReader reader,
            VariableCheck variables) {
        Map<String, String> ordered = new LinkedHashMap<>();
        String type = options.get("type");
        for (String option : LEADING) {
            if (options.containsKey(option)) {
                ordered.put(option, options.get(option));
            }
        }
        if (type != null) {
            type = type.toLowerCase(Locale.ROOT);
            if (type.equals("gs")) {
                type = "gcs";
            }
            if (!isKnownType(type)) {
                reader.problem(keyPrefix + "type", options.get("type"), "a replica type: one of " + knownTypes());
            }
            ordered.put("type", type);
        } else if (!options.containsKey("url")) {
            reader.problem(keyPrefix + "type", null, "a replica type (" + Dialect.all().get(0).replicaTypes() + ") or "
                    + keyPrefix + "url");
        }
        for (String needed : NEEDS.getOrDefault(type, Collections.emptyList())) {
            if (!options.containsKey(needed) && !options.containsKey("url")) {
                reader.problem(keyPrefix + needed, null, "a value: a " + type + " replica needs " + needed);
            }
        }
        Set<String> known = knownOptions(typeOf(ordered));
        for (Map.Entry<String, String> entry : new TreeMap<>(options).entrySet()) {
            String option = entry.getKey();
            String value = entry.getValue();
            if (!known.contains(option)) {
                reader.problem(keyPrefix + option, value, unknown(keyPrefix, option, typeOf(ordered), known));
            } else if (!option.equals("type")) {
                checkValue(keyPrefix + option, option, value, reader);
                variables.check(keyPrefix + option, value, reader);
            }
            if (!Secrets.isSecretOption(option)) {
                ordered.putIfAbsent(option, value);
            }
        }
        for (Map.Entry<String, String> entry : options.entrySet()) {
            if (Secrets.isSecretOption(entry.getKey())) {
                ordered.put(entry.getKey(), entry.getValue());
            }
        }
        return ordered;
    }

    /**
     * The replica type Litestream will use: {@code type}, else the scheme of {@code url}; null when
     * neither says (a url of a scheme no version knows).
     */
    static String typeOf(Map<String, String> replica) {
        String type = replica.get("type");
        if (type != null) {
            return type;
        }
        String url = replica.getOrDefault("url", "");
        int colon = url.indexOf("://");
        return colon < 0 ? null : URL_SCHEMES.get(url.substring(0, colon).toLowerCase(Locale.ROOT));
    }

    /** Every option {@code type} has in some version; every option of every type when the type is not known. */
    private static Set<String> knownOptions(String type) {
        Set<String> known = new TreeSet<>();
        for (Dialect dialect : Dialect.all()) {
            for (String each : dialect.replicaTypes()) {
                if (type == null || !isKnownType(type) || each.equals(type)) {
                    known.addAll(dialect.replicaOptions(each));
                }
            }
        }
        return known;
    }

    /**
     * {@code access_key_id} is refused with its one spelling rather than mapped: a properties file then reads
     * the same as Litestream's documentation, and one spelling per option cannot collide with another.
     */
    private static String unknown(String keyPrefix, String option, String type, Set<String> known) {
        String scope = keyPrefix.substring(keyPrefix.lastIndexOf('.', keyPrefix.length() - 2) + 1);
        String hyphenated = option.replace('_', '-');
        if (!hyphenated.equals(option) && known.contains(hyphenated)) {
            return "the option spelt " + hyphenated + ", as Litestream spells its options (with '-', not '_'): "
                    + "use " + keyPrefix + hyphenated;
        }
        String what = type == null || !isKnownType(type) ? "a replica option" : "an option of a replica of type " + type;
        List<String> otherTypes = typesWith(option);
        return what + " (see docs/configuration.md); unknown option " + scope + option
                + KeySuggestion.among(option, known).map(s -> ", did you mean " + scope + s + "?").orElse("")
                + (otherTypes.isEmpty() ? "" : " (" + option + " is an option of replica type " + otherTypes + ")");
    }

    private static List<String> typesWith(String option) {
        Set<String> types = new TreeSet<>();
        for (Dialect dialect : Dialect.all()) {
            for (String type : dialect.replicaTypes()) {
                if (dialect.replicaOptions(type).contains(option)) {
                    types.add(type);
                }
            }
        }
        return new ArrayList<>(types);
    }

    private static boolean isKnownType(String type) {
        for (Dialect dialect : Dialect.all()) {
            if (dialect.replicaTypes().contains(type)) {
                return true;
            }
        }
        return false;
    }

    /** {@code [s3, file, gcs, abs, sftp] or, with Litestream 0.5, [nats, oss, webdav]}: each dialect's new ones. */
    private static String knownTypes() {
        StringBuilder text = new StringBuilder();
        List<String> seen = new ArrayList<>();
        for (Dialect dialect : Dialect.all()) {
            List<String> added = new ArrayList<>(dialect.replicaTypes());
            added.removeAll(seen);
            if (seen.isEmpty()) {
                text.append(added);
            } else if (!added.isEmpty()) {
                text.append(" or, with Litestream ").append(dialect.name()).append(", ").append(added);
            }
            seen.addAll(added);
        }
        return text.toString();
    }

    private static void checkValue(String key, String option, String value, SettingReader reader) {
        if (Secrets.isReference(value)) {
            return;
        }
        ValueType<String> duration = POSITIVE_DURATIONS.contains(option) ? ValueType.POSITIVE_GO_DURATION
                : ValueType.GO_DURATION;
        if (DURATIONS.contains(option) && !isValid(duration, value)) {
            reader.problem(key, value, duration.expected());
        } else if (BOOLEANS.contains(option) && !value.equals("true") && !value.equals("false")) {
            reader.problem(key, value, "true or false");
        } else if (value.isEmpty()) {
            reader.problem(key, value, "a value (remove the key to leave the option unset)");
        } else if (hasUnpairedSurrogate(value)) {
            reader.problem(key, value, "Unicode text: half of a UTF-16 surrogate pair cannot be passed to Litestream");
        }
    }

    private static boolean isValid(ValueType<String> type, String value) {
        try {
            type.parse(value);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean hasUnpairedSurrogate(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }
}
