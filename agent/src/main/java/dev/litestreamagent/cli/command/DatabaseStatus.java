package dev.litestreamagent.cli.command;

import dev.litestreamagent.exec.LiveProcess;
import dev.litestreamagent.json.JsonReader;
import dev.litestreamagent.supervisor.ReplicatorLocks;
import dev.litestreamagent.supervisor.lock.PidFile;
import dev.litestreamagent.supervisor.lock.StateDirectory;
import dev.litestreamagent.supervisor.lock.StatusFile;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What {@code status} knows of one database, from its state directory alone: who holds the
 * replicator lock (the OS drops it when the holder dies, so it is the proof that someone
 * replicates), and the running agent's health document ({@code status.json}) when its writer is
 * alive and wrote it recently. Immutable. No lambdas or streams: each costs a cold {@code status} milliseconds.
 */
final class DatabaseStatus {
    /** How much the agent's document can be trusted, from the lock and its writer's liveness. */
    enum Source {
        /** The agent that holds the lock wrote it within {@link StatusFile#STALE_AFTER}. */
        LIVE,
        /** The agent holds the lock but has not rewritten it for longer: hung, or cannot write. */
        STALE,
        /** Someone holds the lock, but no live agent's document is there (a CLI {@code replicate}, an older agent). */
        LOCK_ONLY,
        /** Nobody holds the lock: nothing replicates this database. */
        NONE
    }

    private final DatabaseRef database;
    private final Source source;
    private final Optional<String> holder;
    private final OptionalLong litestreamPid;
    private final Map<String, Object> agent;
    private final Map<String, Object> entry;
    private final Instant now;

    private DatabaseStatus(DatabaseRef database, Source source, Optional<String> holder, OptionalLong litestreamPid,
            Map<String, Object> agent, Map<String, Object> entry, Instant now) {
        this.database = database;
        this.source = source;
        this.holder = holder;
        this.litestreamPid = litestreamPid;
        this.agent = agent;
        this.entry = entry;
        this.now = now;
    }

    /**
     * Reads the state directory; creates and writes nothing (safe on another user's database).
     *
     * @throws IOException when the lock cannot be probed
     */
    static DatabaseStatus read(DatabaseRef database, Instant now) throws IOException {
        StateDirectory state = StateDirectory.of(database.path());
        Optional<String> holder = ReplicatorLocks.holder(database.path());
        OptionalLong litestream = new PidFile(state.pidFile()).read();
        if (litestream.isPresent() && !LiveProcess.runs(litestream.getAsLong(), Optional.empty())) {
            litestream = OptionalLong.empty();
        }
        Map<String, Object> agent = document(new StatusFile(state));
        Map<String, Object> entry = entryFor(agent, database);
        Optional<Instant> takenAt = instant(agent.get("takenAt"));
        OptionalLong writer = number(agent.get("agentPid"));
        boolean writerAlive = !entry.isEmpty() && takenAt.isPresent() && writer.isPresent()
                && LiveProcess.runs(writer.getAsLong(), takenAt);
        Source source;
        if (!holder.isPresent()) {
            source = Source.NONE;
        } else if (!writerAlive) {
            source = Source.LOCK_ONLY;
        } else {
            source = Duration.between(takenAt.get(), now).compareTo(StatusFile.STALE_AFTER) > 0 ? Source.STALE : Source.LIVE;
        }
        return new DatabaseStatus(database, source, holder, litestream, agent, entry, now);
    }

    /** Whether every one is {@link #healthy}: status's exit code. */
    static boolean allHealthy(List<DatabaseStatus> statuses) {
        for (DatabaseStatus status : statuses) {
            if (!status.healthy()) {
                return false;
            }
        }
        return true;
    }

    /** Replicated by a live process, and where the agent's figures are known, {@code /health} would say ok. */
    boolean healthy() {
        switch (source) {
            case LIVE:
                return "ok".equals(agent.get("status"));
            case LOCK_ONLY:
                return true;
            default:
                return false;
        }
    }

    DatabaseRef database() {
        return database;
    }

    Source source() {
        return source;
    }

    /** The lock file's account of the holder, when the lock is held. */
    Optional<String> holder() {
        return holder;
    }

    /** The agent's JVM, when its document is current. */
    OptionalLong agentPid() {
        return source == Source.LIVE || source == Source.STALE ? number(agent.get("agentPid")) : OptionalLong.empty();
    }

    /** The Litestream process: from the agent's document when current, else from the live pid file. */
    OptionalLong litestreamPid() {
        return source == Source.LIVE ? number(agent.get("pid")) : litestreamPid;
    }

    /** The agent's document (the body of its {@code /health}), empty when there is none. */
    Map<String, Object> agent() {
        return agent;
    }

    /** This database's object in the agent's document, empty when there is none. */
    Map<String, Object> entry() {
        return entry;
    }

    /** When the agent's document was written (its writer may be gone). */
    Optional<Instant> takenAt() {
        return instant(agent.get("takenAt"));
    }

    /** How long ago the database's last upload finished, per the current document. */
    Optional<Duration> lastUploadAge() {
        Optional<Instant> lastUpload = source == Source.LIVE ? instant(entry.get("lastUpload")) : Optional.empty();
        return lastUpload.isPresent() ? Optional.of(Duration.between(lastUpload.get(), now)) : Optional.empty();
    }

    Instant now() {
        return now;
    }

    /** A member of the agent's document as a string, when the document is current and has it. */
    Optional<String> agentText(String name) {
        Object value = source == Source.LIVE ? agent.get(name) : null;
        return value == null ? Optional.empty() : Optional.of(value.toString());
    }

    /** The agent's reasons for not being healthy, when the document is current. */
    List<String> problems() {
        Object problems = agent.get("problems");
        if (source != Source.LIVE || !(problems instanceof List)) {
            return Collections.emptyList();
        }
        List<String> texts = new ArrayList<>();
        for (Object problem : (List<?>) problems) {
            texts.add(String.valueOf(problem));
        }
        return texts;
    }

    /** The document, or an empty map when there is none or it is not the agent's JSON. */
    private static Map<String, Object> document(StatusFile file) {
        try {
            Optional<String> text = file.read();
            return text.isPresent() ? object(JsonReader.parse(text.get())) : Collections.emptyMap();
        } catch (IOException | IllegalArgumentException e) {
            return Collections.emptyMap();
        }
    }

    private static Map<String, Object> entryFor(Map<String, Object> agent, DatabaseRef database) {
        Object databases = agent.get("databases");
        if (databases instanceof List) {
            for (Object item : (List<?>) databases) {
                Map<String, Object> entry = object(item);
                if (database.path().toString().equals(entry.get("path"))) {
                    return entry;
                }
            }
        }
        return Collections.emptyMap();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object value) {
        return value instanceof Map ? (Map<String, Object>) value : Collections.emptyMap();
    }

    private static OptionalLong number(Object value) {
        return value instanceof BigDecimal ? OptionalLong.of(((BigDecimal) value).longValue()) : OptionalLong.empty();
    }

    /** An ISO-8601 instant from the document, empty when absent or malformed. */
    static Optional<Instant> instant(Object value) {
        try {
            return value instanceof String ? Optional.of(IsoInstant.parse((String) value)) : Optional.empty();
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
