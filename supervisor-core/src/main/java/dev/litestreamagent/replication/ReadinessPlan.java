package dev.litestreamagent.replication;

import dev.litestreamagent.config.ConfigException;
import dev.litestreamagent.config.DatabaseConfig;
import dev.litestreamagent.config.LitestreamYaml;
import dev.litestreamagent.runtime.GeneratedConfigFile;
import dev.litestreamagent.runtime.LitestreamSetup;
import dev.litestreamagent.sqlite.SchemaProbe;
import dev.litestreamagent.supervisor.Clock;
import dev.litestreamagent.supervisor.LaunchPlan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;

/**
 * Gives Litestream the databases the application has created a schema in ({@link ReadyDatabases});
 * each launch's config lists those, and the supervisor restarts Litestream when another one is ready.
 * Databases the application creates one after another are handed over together: each restart pauses
 * replication of every database for Litestream's start and first monitor tick (over a second), so a
 * database that settled waits while another one is still settling, at most {@link #BATCH_HOLD}.
 */
final class ReadinessPlan implements LaunchPlan {
    /** Longest wait of a settled database for others: an application that keeps creating them still gets them replicated. */
    static final Duration BATCH_HOLD = Duration.ofSeconds(5);

    private final LitestreamSetup setup;
    private final GeneratedConfigFile file;
    private final ReadyDatabases ready;
    private final Clock clock;
    private final Logger log;
    private Set<Path> prepared = new HashSet<>();
    /** Since when a settled database waits for the next launch; -1 when none does. */
    private long pendingSinceNanos = -1;
    /** The databases announced as held back at the start: each is announced again once handed over. */
    private final Set<Path> heldBack;

    /** @param jvmStarted when this JVM started: a database changed since is the application's work, and settles */
    ReadinessPlan(LitestreamSetup setup, GeneratedConfigFile file, Clock clock, Instant jvmStarted, Logger log) {
        this.setup = setup;
        this.file = file;
        this.clock = clock;
        this.log = log;
        this.ready = new ReadyDatabases(setup.databasePaths(), SchemaProbe::of, setup.config().schemaSettle(), clock,
                log::warn);
        // A schema there before the JVM started is settled: the application's migrations come after this. Not one
        // changed since: the agent starts once main() runs, and an application may have created databases by now.
        ready.poll(db -> unchangedSince(db, jvmStarted));
        List<Path> waiting = ready.waiting();
        heldBack = new HashSet<>(waiting);
        if (!waiting.isEmpty()) {
            log.info("Litestream gets {} once the application's schema in it has settled (a new database stays as the "
                    + "application made it until then, so Flyway and other first-run checks see it empty)",
                    describe(waiting));
        }
    }

    @Override
    public synchronized List<Path> prepare() throws IOException {
        List<Path> now = ready.ready();
        if (now.isEmpty()) { // no Litestream runs: nothing to write, nor to rewrite at each look
            return now;
        }
        List<Path> added = now.stream().filter(db -> !prepared.contains(db) && heldBack.contains(db))
                .collect(Collectors.toList());
        if (!added.isEmpty()) {
            log.info("Litestream gets {} now: the application's schema there has settled", describe(added));
        }
        Set<Path> listed = new HashSet<>(now);
        try {
            file.rewrite(LitestreamYaml.render(setup.config(), setup.version(),
                    (DatabaseConfig db) -> listed.contains(db.path())).yaml());
        } catch (ConfigException e) { // rendered whole at start already: a subset cannot fail
            throw new IllegalStateException(e.getMessage(), e);
        }
        prepared = listed;
        pendingSinceNanos = -1;
        return now;
    }

    /**
     * A database that was there at the start is handed over at once (its rows must be replicated from the
     * first moment); one the application created waits while another is still settling, at most {@link #BATCH_HOLD}.
     */
    @Override
    public synchronized boolean changed(boolean finalStop) {
        ready.poll(finalStop);
        List<Path> added = ready.ready().stream().filter(db -> !prepared.contains(db)).collect(Collectors.toList());
        if (added.isEmpty()) {
            pendingSinceNanos = -1;
            return false;
        }
        long now = clock.nanoTime();
        if (pendingSinceNanos < 0) {
            pendingSinceNanos = now;
        }
        return finalStop || !heldBack.containsAll(added) || !ready.settling()
                || now - pendingSinceNanos >= BATCH_HOLD.toNanos();
    }

    /** Whether neither the database file nor its WAL was written at or after {@code instant}. */
    static boolean unchangedSince(Path db, Instant instant) {
        for (Path file : Arrays.asList(db, Paths.get(db + "-wal"))) {
            try {
                if (!Files.getLastModifiedTime(file).toInstant().isBefore(instant)) {
                    return false;
                }
            } catch (NoSuchFileException absent) {
                // no WAL: nothing written to it
            } catch (IOException e) {
                return false; // cannot tell: the settle costs a second, a migration disturbed costs the start
            }
        }
        return true;
    }

    /** The databases still held back. */
    List<Path> waiting() {
        return ready.waiting();
    }

    private String describe(List<Path> paths) {
        return setup.config().databases().stream().filter(db -> paths.contains(db.path()))
                .map(db -> db.alias() + " (" + db.path() + ")").collect(Collectors.joining(", "));
    }
}
