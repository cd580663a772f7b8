package dev.litestreamagent.e2e;

import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The marked lines an example application prints, per database: {@code FRESH <db> <objects in
 * sqlite_master>} before its migration, {@code MIGRATED <db> <details>}, {@code FAILED <db> <why>}
 * and {@code ACK <db> <id>} after each committed row.
 */
final class AppReport {
    private final Map<String, Integer> fresh = new TreeMap<>();
    private final Map<String, String> migrated = new TreeMap<>();
    private final Map<String, String> failed = new TreeMap<>();
    private final Map<String, SortedSet<Long>> acks = new TreeMap<>();

    private AppReport() {
    }

    static AppReport of(String output) {
        AppReport report = new AppReport();
        for (String line : output.split("\n")) {
            String[] parts = line.trim().split(" ", 3);
            if (parts.length < 3) {
                continue;
            }
            switch (parts[0]) {
                case "FRESH" -> report.fresh.put(parts[1], Integer.parseInt(parts[2]));
                case "MIGRATED" -> report.migrated.put(parts[1], parts[2]);
                case "FAILED" -> report.failed.put(parts[1], parts[2]);
                case "ACK" -> report.acks.computeIfAbsent(parts[1], k -> new TreeSet<>()).add(Long.parseLong(parts[2]));
                default -> {
                }
            }
        }
        return report;
    }

    /** Database → how many schema objects the application saw before migrating. */
    Map<String, Integer> fresh() {
        return fresh;
    }

    /** Database → what its migration reported, e.g. {@code applied=3 version=3}. */
    Map<String, String> migrated() {
        return migrated;
    }

    /** Database → why its migration failed. */
    Map<String, String> failed() {
        return failed;
    }

    /** The ids of the rows committed in {@code db}. */
    SortedSet<Long> acks(String db) {
        return acks.getOrDefault(db, new TreeSet<>());
    }

    /** How many rows were committed, all databases together. */
    int ackCount() {
        return acks.values().stream().mapToInt(SortedSet::size).sum();
    }
}
