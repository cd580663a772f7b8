package dev.litestreamagent.replication;

import dev.litestreamagent.runtime.GeneratedConfigFile;
import dev.litestreamagent.runtime.LitestreamSetup;
import dev.litestreamagent.supervisor.Clock;
import dev.litestreamagent.supervisor.ReplicatorAlreadyRunningException;
import dev.litestreamagent.supervisor.Supervisor;
import dev.litestreamagent.supervisor.SupervisorStatus;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;

/**
 * The running replication of one agent: the generated config file and the supervised Litestream
 * that reads it, which gets each database once the application has settled its schema there
 * ({@link ReadyDatabases}). The one handle for whatever watches or ends replication (the agent's
 * stop, status consumers).
 */
public final class Replication {
    private final GeneratedConfigFile configFile;
    private final ReadinessPlan plan;
    private final Supervisor supervisor;
    private final boolean uploadsKnown;

    private Replication(GeneratedConfigFile configFile, ReadinessPlan plan, Supervisor supervisor,
            boolean uploadsKnown) {
        this.configFile = configFile;
        this.plan = plan;
        this.supervisor = supervisor;
        this.uploadsKnown = uploadsKnown;
    }

    /**
     * Writes the config and starts the supervisor; nothing stays behind when it throws.
     *
     * @throws ReplicatorAlreadyRunningException when another process replicates one of the databases
     */
    public static Replication start(LitestreamSetup setup, Logger log)
            throws IOException, ReplicatorAlreadyRunningException {
        GeneratedConfigFile file = GeneratedConfigFile.write(setup.rendered().yaml());
        try {
            ReadinessPlan plan = new ReadinessPlan(setup, file, Clock.SYSTEM,
                    Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime()), log);
            Supervisor supervisor = Supervisor.create(setup.supervisorSettings(file.path(), plan));
            supervisor.start();
            return new Replication(file, plan, supervisor, setup.dialect().logsUploads());
        } catch (ReplicatorAlreadyRunningException | RuntimeException e) {
            file.close();
            throw e;
        }
    }

    public SupervisorStatus status() {
        return supervisor.status();
    }

    /**
     * Whether {@code status().lastUploads()} can know each database's last upload: the installed Litestream's
     * log says when one finished (0.3; not 0.5, whose wording is not followed).
     */
    public boolean uploadsKnown() {
        return uploadsKnown;
    }

    /** The databases Litestream does not get yet: the application has not settled a schema in them. */
    public List<Path> waiting() {
        return plan.waiting();
    }

    /**
     * Litestream's final sync (waiting at most {@code finalSyncTimeout}), then the config file goes;
     * {@code beforeFinalSync} as in {@link Supervisor#stop(Duration, Runnable)}.
     */
    public void stop(Duration finalSyncTimeout, Runnable beforeFinalSync) throws IOException {
        supervisor.stop(finalSyncTimeout, beforeFinalSync);
        configFile.close();
    }
}
