package dev.litestreamagent.agent.health;

import dev.litestreamagent.config.DatabaseConfig;
import dev.litestreamagent.replication.Replication;
import dev.litestreamagent.supervisor.SupervisorStatus;
import dev.litestreamagent.verify.VerificationLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Takes a {@link HealthSnapshot} of the running replication (null while none runs) and the scheduled
 * verifications on each request: what /health, /metrics and the per-database MBeans report.
 */
public final class HealthSource {
    /**
     * Writes may wait this long for an upload: Litestream 0.3 uploads about a second after a commit, and
     * a planned restart (a resync, a database to add) or a short outage takes seconds, not a minute.
     */
    static final Duration BEHIND_AFTER = Duration.ofSeconds(60);

    private final List<DatabaseConfig> databases;
    private final Supplier<Replication> replication;
    private final VerificationLog verifications;
    private final Instant since = Instant.now();

    public HealthSource(List<DatabaseConfig> databases, Supplier<Replication> replication, VerificationLog verifications) {
        this.databases = databases;
        this.replication = replication;
        this.verifications = verifications;
    }

    /** Where the scheduled verifications record their results. */
    public VerificationLog verifications() {
        return verifications;
    }

    /** The configured databases' aliases, in order. */
    List<String> aliases() {
        List<String> aliases = new ArrayList<>();
        databases.forEach(db -> aliases.add(db.alias()));
        return aliases;
    }

    HealthSnapshot take() {
        Instant now = Instant.now();
        Replication running = replication.get();
        if (running == null) {
            List<DatabaseHealth> idle = new ArrayList<>();
            for (DatabaseConfig db : databases) {
                idle.add(new DatabaseHealth(db.alias(), db.path(), false, Optional.empty(), lastWrite(db.path()),
                        verifications.of(db.alias())));
            }
            return HealthSnapshot.notStarted(idle, now);
        }
        SupervisorStatus status = running.status();
        List<Path> waiting = running.waiting();
        Map<String, Instant> uploads = status.lastUploads();
        List<DatabaseHealth> states = new ArrayList<>();
        for (DatabaseConfig db : databases) {
            // Where the log tells no upload (Litestream 0.5), a write would count as never uploaded: the state alone decides.
            Optional<Instant> written = running.uploadsKnown() ? lastWrite(db.path()) : Optional.empty();
            states.add(new DatabaseHealth(db.alias(), db.path(), !waiting.contains(db.path()),
                    Optional.ofNullable(uploads.get(db.path().toString())), written, verifications.of(db.alias())));
        }
        return HealthSnapshot.of(status, states, now, since, BEHIND_AFTER);
    }

    /** The later change of the database file and its WAL: a commit, or a checkpoint, changes one of them. */
    private static Optional<Instant> lastWrite(Path db) {
        Instant latest = null;
        for (Path file : new Path[] {db, db.resolveSibling(db.getFileName() + "-wal")}) {
            try {
                Instant modified = Files.getLastModifiedTime(file).toInstant();
                if (latest == null || modified.isAfter(latest)) {
                    latest = modified;
                }
            } catch (IOException e) { // no such file (yet): nothing written there
            }
        }
        return Optional.ofNullable(latest);
    }
}
