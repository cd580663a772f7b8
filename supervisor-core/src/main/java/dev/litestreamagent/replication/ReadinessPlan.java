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
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;

/**
 * Gives Litestream the databases the application has created a schema in ({@link ReadyDatabases});
 * each launch's config lists those, and the supervisor restarts Litestream when another one is ready.
 */
final class ReadinessPlan implements LaunchPlan {
    private final LitestreamSetup setup;
    private final GeneratedConfigFile file;
    private final ReadyDatabases ready;
    private final Logger log;
    private Set<Path> prepared = new HashSet<>();
    /** The databases announced as held back at the start: each is announced again once handed over. */
    private final Set<Path> heldBack;

    ReadinessPlan(LitestreamSetup setup, GeneratedConfigFile file, Clock clock, Logger log) {
        this.setup = setup;
        this.file = file;
        this.log = log;
        this.ready = new ReadyDatabases(setup.databasePaths(), SchemaProbe::of, setup.config().schemaSettle(), clock,
                log::warn);
        // a schema there before the application started is settled: its migrations come after this
        ready.poll(true);
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
        return now;
    }

    @Override
    public synchronized boolean changed(boolean finalStop) {
        ready.poll(finalStop);
        return ready.ready().size() > prepared.size();
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
