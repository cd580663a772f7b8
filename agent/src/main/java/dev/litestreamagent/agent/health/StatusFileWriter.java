package dev.litestreamagent.agent.health;

import dev.litestreamagent.config.DatabaseConfig;
import dev.litestreamagent.supervisor.lock.StateDirectory;
import dev.litestreamagent.supervisor.lock.StatusFile;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.slf4j.Logger;

/**
 * Keeps {@code status.json} in each database's state directory equal to what {@code /health} would
 * answer, with no setting: the CLI's {@code status} reads it. Looks once a second; writes when the
 * document changed (ages aside: they change every second by themselves) or {@link StatusFile#HEARTBEAT}
 * passed, so an idle agent writes a few hundred bytes every ten seconds. One daemon thread.
 */
public final class StatusFileWriter {
    private static final long PERIOD_MS = 1000;
    /** The parts of the document that move with the clock alone. */
    private static final Pattern CLOCK_FIELDS = Pattern.compile("\"(takenAt|\\w*AgeSeconds)\":(\"[^\"]*\"|[-0-9.]+|null)");

    private final HealthSource source;
    private final List<StatusFile> files;
    private final Logger log;
    private final ScheduledExecutorService timer;
    private String lastKey = "";
    private Instant lastWrite = Instant.EPOCH;
    private boolean failing;

    /** Not started: {@link #start} schedules {@link #tick}. */
    StatusFileWriter(HealthSource source, List<StatusFile> files, Logger log) {
        this.source = source;
        this.files = files;
        this.log = log;
        this.timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "litestream-agent-status");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Starts writing what {@code source} reports (the same source as the endpoint's), once replication holds
     * every database's lock: their state directories are then ours.
     */
    public static StatusFileWriter start(HealthSource source, List<DatabaseConfig> databases, Logger log) {
        List<StatusFile> files = new ArrayList<>();
        for (DatabaseConfig db : databases) {
            files.add(new StatusFile(StateDirectory.of(db.path())));
        }
        StatusFileWriter writer = new StatusFileWriter(source, files, log);
        writer.timer.scheduleWithFixedDelay(writer::tick, 0, PERIOD_MS, TimeUnit.MILLISECONDS);
        return writer;
    }

    /**
     * Stops writing, waiting for a write under way: called before replication stops and releases the
     * locks, after which another process may own the directories' contents.
     */
    public void stop() {
        timer.shutdown(); // not shutdownNow: an interrupt would close the channel of a write under way
        try {
            timer.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One look: writes every file when the document changed or the heartbeat is due. */
    void tick() {
        try { // an exception escaping a scheduled task would end the schedule silently
            HealthSnapshot snapshot = source.take();
            String body = HealthJson.render(snapshot);
            String key = CLOCK_FIELDS.matcher(body).replaceAll("");
            if (key.equals(lastKey)
                    && Duration.between(lastWrite, snapshot.takenAt()).compareTo(StatusFile.HEARTBEAT) < 0) {
                return;
            }
            for (StatusFile file : files) {
                file.write(body);
            }
            lastKey = key;
            lastWrite = snapshot.takenAt();
            if (failing) {
                log.info("The status file is written again");
                failing = false;
            }
        } catch (IOException | RuntimeException e) {
            if (!failing) { // once, not every second; the next success says so
                log.warn("Cannot write the status file ({}); 'status' will call this agent stale until it can",
                        e.toString());
                failing = true;
            }
        }
    }
}
