package dev.litestreamagent.agent.health;

import dev.litestreamagent.verify.VerificationRecord;
import dev.litestreamagent.verify.VerifyResult.Outcome;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** One database as the health endpoint reports it. Immutable. */
final class DatabaseHealth {
    private final String alias;
    private final Path path;
    private final boolean replicating;
    private final Optional<Instant> lastUpload;
    private final Optional<Instant> lastWrite;
    private final Optional<VerificationRecord> verification;

    /**
     * @param replicating handed to Litestream (false: waiting until the application's schema settled)
     * @param lastUpload  when Litestream last finished an upload of it, if it did since the agent started
     * @param lastWrite   when its file or WAL last changed, if known
     * @param verification its scheduled verifications, empty before the first (or with none scheduled)
     */
    DatabaseHealth(String alias, Path path, boolean replicating, Optional<Instant> lastUpload,
            Optional<Instant> lastWrite, Optional<VerificationRecord> verification) {
        this.alias = alias;
        this.path = path;
        this.replicating = replicating;
        this.lastUpload = lastUpload;
        this.lastWrite = lastWrite;
        this.verification = verification;
    }

    String alias() {
        return alias;
    }

    Path path() {
        return path;
    }

    boolean replicating() {
        return replicating;
    }

    Optional<Instant> lastUpload() {
        return lastUpload;
    }

    Optional<VerificationRecord> verification() {
        return verification;
    }

    /** Its latest scheduled verification found the backup out of sync or could not prove it (a skipped round is neither). */
    boolean verificationFailing() {
        return verification.map(v -> v.last().outcome() == Outcome.OUT_OF_SYNC || v.last().outcome() == Outcome.FAILED)
                .orElse(false);
    }

    /**
     * Written after its last upload (or, with none, after {@code since}), and that upload or start is older
     * than {@code limit}: writes are waiting that Litestream has not shipped. A database nobody writes to is
     * never behind, however old its last upload.
     */
    boolean behind(Instant now, Instant since, Duration limit) {
        if (!replicating || !lastWrite.isPresent()) {
            return false;
        }
        Instant base = lastUpload.orElse(since);
        return lastWrite.get().isAfter(base) && Duration.between(base, now).compareTo(limit) > 0;
    }
}
