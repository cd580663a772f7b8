package dev.litestreamagent.sqlite;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Read-only channels on database files, opened once and never closed. Closing any descriptor of a
 * file drops every POSIX lock this process holds on it, the locks of the application's SQLite in
 * this JVM included: its transaction would no longer keep other processes out ("How To Corrupt An
 * SQLite Database File", section 2.2). So each channel stays open, and reachable so that no cleaner
 * closes it, for the life of the process: one descriptor per database file (inode) ever read.
 */
final class PinnedFiles {
    private static final int ATTEMPTS = 3;
    private static final Map<Object, FileChannel> BY_FILE = new HashMap<>();
    /** Every channel ever opened, including those opened while the path was being replaced. */
    private static final List<FileChannel> OPENED = new ArrayList<>();

    private PinnedFiles() {
    }

    /** A channel on the file {@code path} names now; shared, so read it with positional reads only. */
    static synchronized FileChannel channel(Path path) throws IOException {
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            Object file = identity(path);
            FileChannel pinned = BY_FILE.get(file);
            if (pinned != null) {
                return pinned;
            }
            FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
            OPENED.add(channel);
            // Only a file that stayed at the path across the open is known to be the one opened.
            if (file.equals(identity(path))) {
                BY_FILE.put(file, channel);
                return channel;
            }
        }
        throw new IOException(path + " was replaced " + ATTEMPTS + " times while being opened");
    }

    /** The inode (device and number) where the platform has one; the path otherwise (Windows, no POSIX locks). */
    private static Object identity(Path path) throws IOException {
        Object key = Files.readAttributes(path, BasicFileAttributes.class).fileKey();
        return key != null ? key : path.toAbsolutePath().normalize();
    }
}
