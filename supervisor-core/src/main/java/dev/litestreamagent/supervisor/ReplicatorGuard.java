package dev.litestreamagent.supervisor;

import dev.litestreamagent.supervisor.lock.DatabaseLock;
import dev.litestreamagent.supervisor.lock.PidFile;
import dev.litestreamagent.supervisor.lock.StateDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One replicator per database: a lock in each database's state directory (taken in sorted order,
 * so two supervisors with overlapping databases cannot deadlock), the pid files, and the check
 * for a replicator an earlier run left behind. The log lives in the first database's directory.
 */
final class ReplicatorGuard {
    private static final Logger LOG = LoggerFactory.getLogger(ReplicatorGuard.class);

    private final List<StateDirectory> directories;
    private List<DatabaseLock> locks = Collections.emptyList();

    ReplicatorGuard(List<Path> databases) {
        TreeMap<Path, StateDirectory> sorted = new TreeMap<>();
        for (Path db : databases) {
            sorted.put(db, StateDirectory.of(db));
        }
        this.directories = Collections.unmodifiableList(new ArrayList<>(sorted.values()));
    }

    Path logFile() {
        return directories.get(0).logFile();
    }

    /** Keeps the previous run's output as litestream.log.1 (useful after a crash) and starts an empty log. */
    Path freshLogFile() throws IOException {
        Path log = logFile();
        if (Files.exists(log)) {
            Files.move(log, log.resolveSibling(log.getFileName() + ".1"), StandardCopyOption.REPLACE_EXISTING);
        }
        Files.createFile(log);
        return log;
    }

    /** Takes every lock or none; {@code holder} is recorded so a refused process can name us. */
    synchronized void lock(String holder) throws ReplicatorAlreadyRunningException, IOException {
        List<DatabaseLock> taken = new ArrayList<>();
        try {
            for (StateDirectory directory : directories) {
                Optional<DatabaseLock> acquired = DatabaseLock.tryAcquire(directory, holder);
                if (!acquired.isPresent()) {
                    throw new ReplicatorAlreadyRunningException(directory.database(), directory.lockFile(),
                            DatabaseLock.holder(directory));
                }
                taken.add(acquired.get());
            }
        } catch (ReplicatorAlreadyRunningException | IOException | RuntimeException e) {
            closeQuietly(taken);
            throw e;
        }
        locks = taken;
    }

    /** Stops a replicator a pid file names, if the live process proves it is one {@code ourCommand} started. */
    void stopOrphans(List<String> ourCommand, Duration timeout) throws InterruptedException {
        for (StateDirectory directory : directories) {
            OptionalLong recorded = new PidFile(directory.pidFile()).read();
            if (recorded.isPresent()) {
                Orphans.stopIfOurs(recorded.getAsLong(), ourCommand, timeout);
            }
        }
    }

    void recordPid(long pid, List<String> command) throws IOException {
        for (StateDirectory directory : directories) {
            new PidFile(directory.pidFile()).write(pid, command);
        }
    }

    /** Deletes the pid files and releases the locks; idempotent. */
    synchronized void release() {
        if (locks.isEmpty()) {
            return;
        }
        for (StateDirectory directory : directories) {
            try {
                new PidFile(directory.pidFile()).delete();
            } catch (IOException e) {
                LOG.warn("Cannot delete {}: {}", directory.pidFile(), e.toString());
            }
        }
        closeQuietly(locks);
        locks = Collections.emptyList();
    }

    private static void closeQuietly(List<DatabaseLock> toClose) {
        for (DatabaseLock lock : toClose) {
            try {
                lock.close();
            } catch (IOException e) {
                LOG.warn("Cannot release the lock {}: {}", lock.state().lockFile(), e.toString());
            }
        }
    }
}
