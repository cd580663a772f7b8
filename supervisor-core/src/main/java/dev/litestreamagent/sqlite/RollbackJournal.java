package dev.litestreamagent.sqlite;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A database's {@code -journal} file in rollback-journal mode. SQLite writes the journal's magic
 * just before it changes the database file and removes, truncates or zeroes the journal to commit,
 * so a journal that starts with the magic means the database file may hold pages of a transaction
 * that is not committed (or, after a crash, must be rolled back). SQLite takes no locks on the
 * journal, so opening and closing it here is harmless to the application's SQLite.
 */
final class RollbackJournal {
    private static final byte[] MAGIC = {(byte) 0xd9, (byte) 0xd5, 0x05, (byte) 0xf9, 0x20, (byte) 0xa1, 0x63, (byte) 0xd7};

    private RollbackJournal() {
    }

    /** Whether {@code journal} exists and starts with the magic. */
    static boolean holdsUncommittedWrite(Path journal) throws IOException {
        try (FileChannel channel = FileChannel.open(journal, StandardOpenOption.READ)) {
            ByteBuffer start = ByteBuffer.allocate(MAGIC.length);
            return FileReads.readFully(channel, start, 0) && start.flip().equals(ByteBuffer.wrap(MAGIC));
        } catch (NoSuchFileException noJournal) {
            return false;
        }
    }
}
