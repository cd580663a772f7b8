package dev.litestreamagent.supervisor.lock;

import dev.litestreamagent.fs.NoFollowFiles;
import dev.litestreamagent.fs.UntrustedText;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * An OS file lock on a database's state directory, held for a supervisor's lifetime. The OS drops
 * it when the holder dies, even by SIGKILL, so a lock that can be taken means nobody replicates.
 */
public final class DatabaseLock implements AutoCloseable {
    private static final int MAX_HOLDER_BYTES = 4096;
    private static final int MAX_HOLDER_CHARS = 200;

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
        // The directory is ours alone (create() checked); no link is followed even so.
        FileChannel channel = FileChannel.open(state.lockFile(), StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
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

    /**
     * Whether some process holds the lock now, found without creating or writing anything (so it is
     * safe in a directory of another user, e.g. the CLI's {@code verify} run as root): a shared lock
     * cannot be taken while a supervisor holds its exclusive one.
     */
    public static boolean isHeld(StateDirectory state) throws IOException {
        try (FileChannel channel = FileChannel.open(state.lockFile(), StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            FileLock probe = channel.tryLock(0, Long.MAX_VALUE, true);
            if (probe == null) {
                return true;
            }
            probe.release();
            return false;
        } catch (OverlappingFileLockException heldInThisJvm) {
            return true;
        } catch (NoSuchFileException none) {
            return false;
        }
    }

    /**
     * Who the lock file says holds the lock, or "an unknown process". Whoever wrote it may be
     * hostile: control characters are replaced and the text is cut, so it cannot forge log lines.
     */
    public static String holder(StateDirectory state) {
        try {
            String text = new String(NoFollowFiles.readCapped(state.lockFile(), MAX_HOLDER_BYTES),
                    StandardCharsets.UTF_8).trim();
            return text.isEmpty() ? "an unknown process" : UntrustedText.printable(text, MAX_HOLDER_CHARS);
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
