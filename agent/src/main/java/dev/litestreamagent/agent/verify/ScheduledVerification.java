package dev.litestreamagent.agent.verify;

import dev.litestreamagent.config.DatabaseConfig;
import dev.litestreamagent.supervisor.Clock;
import dev.litestreamagent.verify.EachReplica;
import dev.litestreamagent.verify.JdbcSentinelStore;
import dev.litestreamagent.verify.RestoreRunner;
import dev.litestreamagent.verify.SqliteConnector;
import dev.litestreamagent.verify.VerificationLog;
import dev.litestreamagent.verify.Verifier;
import dev.litestreamagent.verify.VerifyResult;
import dev.litestreamagent.verify.VerifyResult.Outcome;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;

/**
 * {@code litestream.verify.interval}: verify's proof run from inside the application, every interval,
 * one database after the other and, as the CLI's {@code verify} does, on each replica of a database that has
 * several ({@link EachReplica}; each writes a row and restores the replica: never all at once on the
 * application's machine), into a {@link VerificationLog}. Runs on a daemon thread of its own that never
 * keeps the JVM alive; {@link #stop()} ends it before the final sync, so its row is deleted and synced.
 */
public final class ScheduledVerification {
    /** What a round says while the application has no SQLite driver loaded. */
    static final String NO_DRIVER = "application has not loaded sqlite-jdbc yet";
    /** How long stop() waits for a round under way to delete its row. */
    private static final Duration STOP_WAIT = Duration.ofSeconds(6);

    private final List<DatabaseConfig> databases;
    private final Duration interval;
    private final Duration timeout;
    private final Supplier<Optional<? extends SqliteConnector>> sqlite;
    private final Function<String, RestoreRunner> restores;
    private final Replicating replicating;
    private final VerificationLog log;
    private final Clock clock;
    private final Logger logger;
    private volatile Thread thread;

    /** Which databases Litestream replicates now. */
    public interface Replicating {
        /** Litestream has been given the database (its schema settled). */
        boolean handedOver(DatabaseConfig database);

        /** A Litestream process runs that replicates it. */
        boolean running(DatabaseConfig database);
    }

    /**
     * @param sqlite the application's SQLite driver, empty while it has loaded none; asked each round
     * @param restores the restores from the named replica ({@code ""}: a database's one replica)
     */
    public ScheduledVerification(List<DatabaseConfig> databases, Duration interval, Duration timeout,
            Supplier<Optional<? extends SqliteConnector>> sqlite, Function<String, RestoreRunner> restores,
            Replicating replicating,
            VerificationLog log, Clock clock, Logger logger) {
        this.databases = databases;
        this.interval = interval;
        this.timeout = timeout;
        this.sqlite = sqlite;
        this.restores = restores;
        this.replicating = replicating;
        this.log = log;
        this.clock = clock;
        this.logger = logger;
    }

    public void start() {
        Thread worker = new Thread(this::run, "litestream-agent-verify");
        worker.setDaemon(true);
        thread = worker;
        worker.start();
    }

    /** Ends the rounds: a restore under way is killed, the row of a verification under way deleted. */
    public void stop() {
        Thread worker = thread;
        if (worker == null) {
            return;
        }
        worker.interrupt();
        try {
            worker.join(STOP_WAIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The rounds, each an interval after the previous one began (at once after one that took longer), until interrupted. */
    void run() {
        long next = clock.nanoTime() + interval.toNanos();
        try {
            while (!Thread.currentThread().isInterrupted()) {
                clock.sleep(Duration.ofNanos(Math.max(0, next - clock.nanoTime())));
                next = clock.nanoTime() + interval.toNanos();
                round();
            }
        } catch (InterruptedException e) {
            // stopped
        } catch (RuntimeException | LinkageError e) {
            logger.warn("Scheduled verification ended: {}", e.toString());
        }
    }

    /** Every database in turn, each on every replica; the driver is looked for once per round. */
    void round() throws InterruptedException {
        Optional<JdbcSentinelStore> sentinels = sqlite.get().map(JdbcSentinelStore::new);
        for (DatabaseConfig db : databases) {
            List<VerifyResult> results;
            if (!sentinels.isPresent()) {
                results = skipped(db, NO_DRIVER);
            } else if (!replicating.handedOver(db)) {
                results = skipped(db, "Litestream does not replicate it yet (waiting for the application's schema)");
            } else {
                results = EachReplica.verify(EachReplica.of(db.replicaNames()),
                        name -> new Verifier(restores.apply(name), sentinels.get(), clock, timeout),
                        db.alias(), db.path(), () -> replicating.running(db));
            }
            log.record(results);
            results.forEach(this::report);
        }
    }

    private List<VerifyResult> skipped(DatabaseConfig db, String reason) {
        return Collections.singletonList(new VerifyResult(db.alias(), db.path(), clock.now(), Outcome.SKIPPED, reason,
                Duration.ZERO));
    }

    private void report(VerifyResult result) {
        if (result.outcome() == Outcome.IN_SYNC) {
            logger.debug("Scheduled verification: {}", result.toText());
        } else if (result.outcome() == Outcome.SKIPPED) {
            logger.info("Scheduled verification: {}", result.toText());
        } else {
            logger.warn("Scheduled verification: {}", result.toText());
        }
    }
}
