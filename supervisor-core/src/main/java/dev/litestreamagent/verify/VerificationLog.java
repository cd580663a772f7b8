package dev.litestreamagent.verify;

import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The scheduled verifications' results, per database alias: what the status, the health endpoint,
 * the metrics and JMX report. Written by one thread, read by any.
 */
public final class VerificationLog {
    private final Map<String, VerificationRecord> records = new HashMap<>();

    public synchronized void record(VerifyResult result) {
        VerificationRecord previous = records.get(result.database());
        records.put(result.database(), previous == null ? VerificationRecord.first(result) : previous.then(result));
    }

    /** Empty before the database's first scheduled round. */
    public synchronized Optional<VerificationRecord> of(String alias) {
        return Optional.ofNullable(records.get(alias));
    }

    /** Every outcome with its count, zero included, for a database that has no record yet. */
    public static Map<VerifyResult.Outcome, Long> noCounts() {
        Map<VerifyResult.Outcome, Long> zero = new EnumMap<>(VerifyResult.Outcome.class);
        for (VerifyResult.Outcome outcome : VerifyResult.Outcome.values()) {
            zero.put(outcome, 0L);
        }
        return Collections.unmodifiableMap(zero);
    }
}
