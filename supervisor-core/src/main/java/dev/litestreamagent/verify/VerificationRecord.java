package dev.litestreamagent.verify;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/** One database's scheduled verifications: the latest result, the latest success and a count per outcome. Immutable. */
public final class VerificationRecord {
    private final VerifyResult last;
    private final Optional<Instant> lastSuccess;
    private final Map<VerifyResult.Outcome, Long> counts;

    private VerificationRecord(VerifyResult last, Optional<Instant> lastSuccess, Map<VerifyResult.Outcome, Long> counts) {
        this.last = last;
        this.lastSuccess = lastSuccess;
        this.counts = Collections.unmodifiableMap(counts);
    }

    static VerificationRecord first(VerifyResult result) {
        return new VerificationRecord(result, successTime(result), counted(VerificationLog.noCounts(), result));
    }

    VerificationRecord then(VerifyResult result) {
        Optional<Instant> success = successTime(result);
        return new VerificationRecord(result, success.isPresent() ? success : lastSuccess, counted(counts, result));
    }

    public VerifyResult last() {
        return last;
    }

    /** When the latest in-sync verification finished; empty before the first. */
    public Optional<Instant> lastSuccess() {
        return lastSuccess;
    }

    /** How many rounds ended with each outcome, every outcome present. */
    public Map<VerifyResult.Outcome, Long> counts() {
        return counts;
    }

    private static Optional<Instant> successTime(VerifyResult result) {
        return result.outcome() == VerifyResult.Outcome.IN_SYNC
                ? Optional.of(result.time().plus(result.duration())) : Optional.empty();
    }

    private static Map<VerifyResult.Outcome, Long> counted(Map<VerifyResult.Outcome, Long> before, VerifyResult result) {
        Map<VerifyResult.Outcome, Long> after = new EnumMap<>(before);
        after.merge(result.outcome(), 1L, Long::sum);
        return after;
    }
}
