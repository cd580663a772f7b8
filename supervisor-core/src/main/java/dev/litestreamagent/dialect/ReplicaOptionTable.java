package dev.litestreamagent.dialect;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The replica options one Litestream version reads, per replica type: the YAML names of its
 * {@code ReplicaConfig} fields that the type's constructor uses, plus those every type reads. Options
 * that hold lists or maps ({@code age}, NATS {@code root-cas}) are left out: a properties value cannot
 * spell them. Immutable.
 */
final class ReplicaOptionTable {
    private final Map<String, Set<String>> byType;

    private ReplicaOptionTable(Map<String, Set<String>> byType) {
        this.byType = Collections.unmodifiableMap(byType);
    }

    /** Starts a table whose every type reads {@code common}. */
    static Builder common(String... common) {
        return new Builder(common);
    }

    List<String> types() {
        return Collections.unmodifiableList(Arrays.asList(byType.keySet().toArray(new String[0])));
    }

    /** The options of {@code type}, common ones first; empty for a type this version does not have. */
    Set<String> options(String type) {
        return byType.getOrDefault(type, Collections.emptySet());
    }

    static final class Builder {
        private final List<String> common;
        private final Map<String, Set<String>> byType = new LinkedHashMap<>();

        private Builder(String... common) {
            this.common = Arrays.asList(common);
        }

        Builder type(String type, String... own) {
            Set<String> options = new LinkedHashSet<>(common);
            options.addAll(Arrays.asList(own));
            byType.put(type, Collections.unmodifiableSet(options));
            return this;
        }

        ReplicaOptionTable build() {
            return new ReplicaOptionTable(byType);
        }
    }
}
