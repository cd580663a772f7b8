package dev.litestreamagent.replication;

import dev.litestreamagent.sqlite.ProbeResult;
import dev.litestreamagent.sqlite.SchemaProbe;
import dev.litestreamagent.sqlite.SchemaState;
import dev.litestreamagent.supervisor.Clock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Which configured databases Litestream may be given. At its first sync Litestream commits
 * {@code _litestream_seq} and {@code _litestream_lock} into a database: in a new one that makes
 * Flyway (and any "is this database new?" check on sqlite_master) refuse it, and in the middle of
 * a migration it fails the migration's transaction ({@code SQLITE_BUSY_SNAPSHOT}). So a database
 * is ready once the application has created a schema in it and left the schema unchanged for the
 * settle time, which starts again with every change (a migration's next step). Litestream's
 * first sync then snapshots the whole file: nothing written before is lost. At the final stop,
 * every database with a schema counts, settled or not. A database stays ready once it was.
 * Thread-safe.
 */
final class ReadyDatabases {
    private final Map<Path, Watch> waiting = new LinkedHashMap<>();
    private final List<Path> order;
    private final List<Path> ready = new ArrayList<>();
    private final Duration settle;
    private final Clock clock;
    private final Consumer<String> warn;

    /** @param warn told once per database that is no plain SQLite file (it is handed to Litestream as configured) */
    ReadyDatabases(List<Path> databases, Function<Path, SchemaProbe> probes, Duration settle, Clock clock,
            Consumer<String> warn) {
        this.order = Collections.unmodifiableList(new ArrayList<>(databases));
        this.settle = settle;
        this.clock = clock;
        this.warn = warn;
        databases.forEach(db -> waiting.put(db, new Watch(probes.apply(db))));
    }

    /**
     * Looks at the databases not ready yet.
     *
     * @param finalStop any schema will do: the JVM exits, and what the application wrote must be synced
     * @return the ones that became ready with this call, in configuration order
     */
    synchronized List<Path> poll(boolean finalStop) {
        return poll(db -> finalStop);
    }

    /**
     * {@link #poll(boolean)} where {@code settled} says which databases count as settled whatever their
     * schema's age (the final stop: all; the first look: those the application has not touched yet).
     */
    synchronized List<Path> poll(Predicate<Path> settled) {
        List<Path> became = new ArrayList<>();
        long now = clock.nanoTime();
        for (Iterator<Map.Entry<Path, Watch>> it = waiting.entrySet().iterator(); it.hasNext();) {
            Map.Entry<Path, Watch> entry = it.next();
            if (entry.getValue().ready(now, settled.test(entry.getKey()))) {
                became.add(entry.getKey());
                it.remove();
            }
        }
        ready.addAll(became);
        ready.sort((a, b) -> Integer.compare(order.indexOf(a), order.indexOf(b)));
        return became;
    }

    /** The ready databases, in configuration order. */
    synchronized List<Path> ready() {
        return Collections.unmodifiableList(new ArrayList<>(ready));
    }

    /**
     * Whether a database held back has a schema that has not settled yet: the application is creating it
     * now, and it is ready within the settle time unless its schema keeps changing.
     */
    synchronized boolean settling() {
        return waiting.values().stream().anyMatch(Watch::hasSchema);
    }

    /** The databases still held back, in configuration order. */
    synchronized List<Path> waiting() {
        return Collections.unmodifiableList(new ArrayList<>(waiting.keySet()));
    }

    /** One database not ready yet: its probe and since when its schema is as last seen. */
    private final class Watch {
        private final SchemaProbe probe;
        private long cookie = -1;
        private long sinceNanos;

        Watch(SchemaProbe probe) {
            this.probe = probe;
        }

        /** A schema seen at the last look. */
        boolean hasSchema() {
            return cookie != -1;
        }

        boolean ready(long now, boolean settled) {
            ProbeResult result = probe.probe();
            if (result.state() == SchemaState.NOT_SQLITE) {
                warn.accept(probe.database() + " is not a plain SQLite database (" + result.detail()
                        + "): it is handed to Litestream as configured");
                return true;
            }
            if (result.state() != SchemaState.HAS_SCHEMA) {
                cookie = -1;
                return false;
            }
            if (result.schemaCookie() != cookie) {
                cookie = result.schemaCookie();
                sinceNanos = now;
            }
            return settled || now - sinceNanos >= settle.toNanos();
        }
    }
}
