package dev.litestreamagent.verify;

import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The scheduled verifications' results, per database alias: what the status, the health endpoint,
 * the metrics and JMX report. Written by one thread, read by any.
 */
public final class VerificationLog {
    private final Map<String, VerificationRecord> records = new HashMap<>();

    public void record(VerifyResult result) {
        record(Collections.singletonList(result));
    }

    /** @param round one database's results, one per replica when it has several (see {@link EachReplica}) */
    public synchronized void record(List<VerifyResult> round) {
        String alias = round.get(0).database();
        VerificationRecord previous = records.get(alias);
        records.put(alias, previous == null ? VerificationRecord.first(round) : previous.then(round));
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
