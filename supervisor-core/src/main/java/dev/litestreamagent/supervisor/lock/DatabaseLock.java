package dev.litestreamagent.supervisor.lock;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * An OS file lock on a database's state directory, held for a supervisor's lifetime. The OS drops
 * it when the holder dies, even by SIGKILL, so a lock that can be taken means nobody replicates.
 */
public final class DatabaseLock implements AutoCloseable {
    private final StateDirectory state;
    private final FileChannel channel;
    private final FileLock lock;

    private DatabaseLock(StateDirectory state, FileChannel channel, FileLock lock) {
        this.state = state;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock and records {@code holder} in the lock file; empty when another process, or
     * another supervisor in this JVM, holds it.
     */
    public static Optional<DatabaseLock> tryAcquire(StateDirectory state, String holder) throws IOException {
        state.create();
        FileChannel channel = FileChannel.open(state.lockFile(), StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException heldInThisJvm) {
            lock = null;
        }
        if (lock == null) {
            channel.close();
            return Optional.empty();
        }
        channel.truncate(0);
        channel.write(ByteBuffer.wrap((holder + "\n").getBytes(StandardCharsets.UTF_8)), 0);
        channel.force(false);
        return Optional.of(new DatabaseLock(state, channel, lock));
    }

    /** Who the lock file says holds the lock, or "an unknown process". */
    public static String holder(StateDirectory state) {
        try {
            String text = new String(Files.readAllBytes(state.lockFile()), StandardCharsets.UTF_8).trim();
            return text.isEmpty() ? "an unknown process" : text;
        } catch (IOException e) {
            return "an unknown process";
        }
    }

    public StateDirectory state() {
        return state;
    }

    /** Releases the lock; the file stays (deleting it would let two processes lock different inodes). */
    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
