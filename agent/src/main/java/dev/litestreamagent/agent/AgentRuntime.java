package dev.litestreamagent.agent;

import dev.litestreamagent.agent.health.DatabaseStatus;
import dev.litestreamagent.agent.health.HealthServer;
import dev.litestreamagent.agent.health.HealthSource;
import dev.litestreamagent.agent.health.StatusFileWriter;
import dev.litestreamagent.agent.shutdown.StopSequence;
import dev.litestreamagent.agent.shutdown.WriterHalt;
import dev.litestreamagent.agent.verify.HostSqlite;
import dev.litestreamagent.agent.verify.ScheduledVerification;
import dev.litestreamagent.binary.BinaryException;
import dev.litestreamagent.config.AgentConfig;
import dev.litestreamagent.config.ConfigException;
import dev.litestreamagent.config.DatabaseConfig;
import dev.litestreamagent.exec.SystemProcessLauncher;
import dev.litestreamagent.replica.ReplicaProbe;
import dev.litestreamagent.replication.Replication;
import dev.litestreamagent.runtime.LitestreamSetup;
import dev.litestreamagent.runtime.ReplicaRestore;
import dev.litestreamagent.runtime.RestoreCandidates;
import dev.litestreamagent.runtime.StartupRestore;
import dev.litestreamagent.settings.Durations;
import dev.litestreamagent.settings.Keys;
import dev.litestreamagent.supervisor.Clock;
import dev.litestreamagent.supervisor.ReplicatorAlreadyRunningException;
import dev.litestreamagent.verify.VerificationLog;
import java.io.IOException;
import java.lang.instrument.Instrumentation;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.management.ObjectName;
import org.slf4j.Logger;

/**
 * The agent's life in the host JVM: start Litestream under a supervisor off the application's
 * critical path, and stop it (final sync) when the JVM exits, after the application's own
 * shutdown hooks ({@link StopSequence}).
 */
final class AgentRuntime {
    /** Litestream started at the JVM's first instant competes with it for the cores; a moment later it does not. */
    private static final long START_DELAY_MS = 200;
    /** How long the shutdown hook waits for a start still under way (binary lookup, version, launch). */
    private static final long START_WAIT_MS = 15_000;

    private final AgentConfig config;
    private final CountDownLatch exiting = new CountDownLatch(1);
    private final HealthSource status;
    private LitestreamSetup setup; // guarded by this
    private volatile Replication replication;
    private volatile HealthServer health;
    private volatile ScheduledVerification verification;
    private volatile List<ObjectName> mbeans = Collections.emptyList();
    private Instrumentation instrumentation;
    private volatile StatusFileWriter statusFile;
    private volatile WriterHalt writerHalt; // its connections hold the write locks until the halt
    private Thread starter;
    private boolean restoredBeforeMain; // premain's thread only

    AgentRuntime(AgentConfig config) {
        this.config = config;
        this.status = new HealthSource(config.databases(), () -> replication, new VerificationLog());
    }

    /**
     * A database marked restore-on-start is missing. Only then does main() wait for the binary, its
     * version and the rendered config: with every database present, that is the start thread's work.
     */
    boolean restoreWanted() {
        return !RestoreCandidates.of(config).isEmpty();
    }

    /**
     * Before main(): every database marked restore-on-start whose file is missing comes back from its
     * replica. The binary is prepared only when a replica may hold something (a first deploy spawns no
     * Litestream); the start thread reuses it.
     */
    void restoreMissingDatabases() throws Exception {
        restoredBeforeMain = true;
        new StartupRestore(config, this::setup, new SystemProcessLauncher(), new ReplicaProbe(System.getenv())).run();
    }

    /**
     * Before main(), for litestream.required: finds the binary, its version and renders the config now, so
     * that a failure can stop the JVM; the start thread reuses it.
     */
    void prepare() throws BinaryException, ConfigException {
        setup();
    }

    private synchronized LitestreamSetup setup() throws BinaryException, ConfigException {
        if (setup == null) {
            setup = LitestreamSetup.prepare(config);
        }
        return setup;
    }

    /**
     * Starts replication on a thread of its own. The stop hooks are installed at once after a restore
     * before main() (the application may write the moment main() starts, and logging is up already);
     * otherwise on that thread too, as with restore off: with every database present, their logger
     * (SLF4J's first use) and the shutdown slot's reflection would cost main() tens of milliseconds.
     */
    void start(Instrumentation instrumentation) {
        this.instrumentation = instrumentation;
        starter = new Thread(restoredBeforeMain ? this::startReplication : () -> {
            installStop(instrumentation);
            startReplication();
        }, "litestream-agent-start");
        starter.setDaemon(true);
        if (restoredBeforeMain) {
            installStop(instrumentation); // once starter is set: the stop waits for it
        }
        starter.start();
    }

    private void installStop(Instrumentation instrumentation) {
        new StopSequence(this::stop, config.stopTimeout(), AgentLog.logger(AgentRuntime.class)).install(instrumentation);
    }

    private void startReplication() {
        try {
            // Returns early when the JVM is already exiting: Litestream must still start and sync what was written.
            exiting.await(START_DELAY_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        Logger log = AgentLog.logger(AgentRuntime.class);
        try {
            config.warnings().forEach(log::warn);
            LitestreamSetup prepared = setup();
            replication = Replication.start(prepared, log);
            statusFile = StatusFileWriter.start(status, config.databases(), log);
            log.info("Replicating {} with Litestream {} ({}, from {})",
                    config.databases().stream().map(db -> db.alias() + " (" + db.path() + ")").collect(Collectors.joining(", ")),
                    prepared.version(), prepared.binary().path(), prepared.binary().origin());
            config.verifyInterval().ifPresent(interval -> startVerification(prepared, interval, log));
        } catch (ReplicatorAlreadyRunningException e) {
            log.error("{}\nThis JVM does not replicate; the application runs on.", e.getMessage());
        } catch (Exception e) {
            log.error("Cannot start Litestream: {}\nThe application runs WITHOUT replication.", e.getMessage());
        }
        mbeans = DatabaseStatus.registerAll(status, log);
        config.healthAddr().ifPresent(addr -> startHealth(addr, log));
    }

    /** Through the application's own sqlite-jdbc only ({@link HostSqlite}); never the CLI's isolated copy. */
    private void startVerification(LitestreamSetup prepared, Duration interval, Logger log) {
        Instrumentation jvm = instrumentation;
        SystemProcessLauncher launcher = new SystemProcessLauncher();
        ScheduledVerification scheduled = new ScheduledVerification(config.databases(), interval,
                config.verifyTimeout(), () -> HostSqlite.find(jvm), replica -> new ReplicaRestore(prepared, launcher, replica),
                new ReplicatingNow(), status.verifications(), Clock.SYSTEM, log);
        scheduled.start();
        verification = scheduled;
        log.info("Verifying each database every {} ({}), through the application's own sqlite-jdbc",
                Durations.format(interval), Keys.VERIFY_INTERVAL.name());
    }

    /** After replication's start, whatever its outcome: a failed start is what /readyz must report. */
    private void startHealth(String addr, Logger log) {
        try {
            health = HealthServer.start(config, status);
            log.info("Health and metrics endpoint on http://{}/ (/livez, /readyz, /health, /metrics)", addr);
        } catch (IOException | RuntimeException | LinkageError e) { // LinkageError: a runtime without jdk.httpserver
            log.warn("Cannot serve {}={}: {}; the application and replication run on without it",
                    Keys.HEALTH_ADDR.name(), addr, e.toString());
        }
    }

    /**
     * At JVM exit: let a start under way finish, then stop Litestream gracefully (final sync). Once every
     * application hook has returned, the application's writers are held back from right before the final
     * sync until the halt ({@link WriterHalt}).
     */
    private void stop(Duration finalSyncTimeout, boolean applicationDone) {
        exiting.countDown();
        try {
            starter.join(START_WAIT_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ScheduledVerification verifying = verification;
        if (verifying != null) { // first: the row of a verification under way is deleted before the final sync
            verifying.stop();
        }
        StatusFileWriter writer = statusFile;
        if (writer != null) { // before the locks go: then the state directories may be another replicator's
            writer.stop();
        }
        Replication running = replication;
        if (running != null) {
            try {
                running.stop(finalSyncTimeout, applicationDone ? () -> holdWriters(finalSyncTimeout) : () -> { });
            } catch (IOException e) {
                AgentLog.logger(AgentRuntime.class).warn("Cannot delete the generated Litestream config: {}", e.toString());
            }
        }
        HealthServer endpoint = health;
        if (endpoint != null) { // after the final sync: a probe sees the agent alive until replication ended
            endpoint.stop();
        }
        DatabaseStatus.unregisterAll(mbeans);
    }

    private void holdWriters(Duration finalSyncTimeout) {
        Instrumentation jvm = instrumentation;
        writerHalt = new WriterHalt(() -> HostSqlite.find(jvm), AgentLog.logger(AgentRuntime.class));
        writerHalt.holdUntilHalt(config.databases().stream().map(DatabaseConfig::path).collect(Collectors.toList()),
                finalSyncTimeout);
    }

    /** The running replication's view of a database, for the scheduled verification. */
    private final class ReplicatingNow implements ScheduledVerification.Replicating {
        @Override
        public boolean handedOver(DatabaseConfig database) {
            Replication running = replication;
            return running != null && !running.waiting().contains(database.path());
        }

        @Override
        public boolean running(DatabaseConfig database) {
            Replication running = replication;
            return handedOver(database) && running.status().pid().isPresent();
        }
    }
}
