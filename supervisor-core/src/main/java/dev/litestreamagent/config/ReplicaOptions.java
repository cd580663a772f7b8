package dev.litestreamagent.config;

import dev.litestreamagent.dialect.Dialect;
import dev.litestreamagent.settings.Durations;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the agent knows about Litestream replica options. Every option is passed through; the ones known
 * here are checked (types, durations, booleans, the option each type needs) so mistakes show at start-up
 * and not in Litestream's log.
 */
final class ReplicaOptions {
    /** Parsed by Litestream with Go's {@code time.ParseDuration}. */
    static final List<String> DURATIONS = Collections.unmodifiableList(Arrays.asList(
            "sync-interval", "snapshot-interval", "retention", "retention-check-interval", "validation-interval"));
    static final List<String> BOOLEANS = Collections.unmodifiableList(Arrays.asList("force-path-style", "skip-verify"));

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

    private ReplicaOptions() {
    }

    /**
     * Checks the replica options of one database ({@code keyPrefix} is {@code litestream.dbs.<alias>.replica.})
     * and returns them with {@code type} first and {@code gs} spelled {@code gcs}, as Litestream knows it.
     */
    static Map<String, String> check(String keyPrefix, Map<String, String> options, SettingReader reader) {
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
        new TreeMap<>(options).forEach((option, value) -> {
            if (!option.equals("type")) {
                checkValue(keyPrefix + option, option, value, reader);
            }
            if (!Secrets.isSecretOption(option)) {
                ordered.putIfAbsent(option, value);
            }
        });
        options.forEach((option, value) -> {
            if (Secrets.isSecretOption(option)) {
                ordered.put(option, value);
            }
        });
        return ordered;
    }

    private static boolean isKnownType(String type) {
        return Dialect.all().stream().anyMatch(d -> d.replicaTypes().contains(type));
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
        if (DURATIONS.contains(option) && !Durations.isGoDuration(value)) {
            reader.problem(key, value, Durations.GO_EXPECTED);
        } else if (BOOLEANS.contains(option) && !value.equals("true") && !value.equals("false")) {
            reader.problem(key, value, "true or false");
        } else if (value.isEmpty()) {
            reader.problem(key, value, "a value (remove the key to leave the option unset)");
        }
    }
}
