package dev.litestreamagent.verify;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One database's scheduled verifications: the latest result, its result on each replica when it has several,
 * the latest success and a count per outcome. Immutable.
 */
public final class VerificationRecord {
    private final VerifyResult last;
    private final List<VerifyResult> replicas;
    private final Optional<Instant> lastSuccess;
    private final Map<VerifyResult.Outcome, Long> counts;

    private VerificationRecord(List<VerifyResult> round, Optional<Instant> lastSuccess, Map<VerifyResult.Outcome, Long> counts) {
        this.last = VerifyResult.overall(round);
        this.replicas = round.size() > 1 ? Collections.unmodifiableList(new ArrayList<>(round)) : Collections.emptyList();
        this.lastSuccess = lastSuccess;
        this.counts = Collections.unmodifiableMap(counts);
    }

    /** @param round the database's result on each of its replicas, in order */
    static VerificationRecord first(List<VerifyResult> round) {
        VerifyResult result = VerifyResult.overall(round);
        return new VerificationRecord(round, successTime(result), counted(VerificationLog.noCounts(), result));
    }

    VerificationRecord then(List<VerifyResult> round) {
        VerifyResult result = VerifyResult.overall(round);
        Optional<Instant> success = successTime(result);
        return new VerificationRecord(round, success.isPresent() ? success : lastSuccess, counted(counts, result));
    }

    /** The latest round's verdict for the database: with several replicas, the worst of theirs. */
    public VerifyResult last() {
        return last;
    }

    /** The latest round's result on each replica, each naming its replica, when the database has several; else empty. */
    public List<VerifyResult> replicas() {
        return replicas;
    }

    /** When the latest in-sync verification finished; empty before the first. */
    public Optional<Instant> lastSuccess() {
        return lastSuccess;
    }

    /** How many rounds ended with each outcome (a round on several replicas counts once, by its verdict), every outcome present. */
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
