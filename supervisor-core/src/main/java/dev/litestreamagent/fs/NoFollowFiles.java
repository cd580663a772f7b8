package dev.litestreamagent.fs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reading and writing the agent's own small files without following a symbolic link at the last
 * path element (O_NOFOLLOW): a link planted in place of such a file fails the call instead of
 * redirecting it to a file of the link owner's choosing.
 */
public final class NoFollowFiles {
    private NoFollowFiles() {
    }

    /** At most {@code maxBytes} of the file, so a huge or endless file cannot exhaust memory. */
    public static byte[] readCapped(Path file, int maxBytes) throws IOException {
        try (InputStream in = Files.newInputStream(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            return in.readNBytes(maxBytes);
        }
    }

    /** Writes a file that must not exist yet (O_CREAT|O_EXCL, owner-only where the default umask allows). */
    public static void writeNew(Path file, byte[] content) throws IOException {
        Files.write(file, content, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
    }
}
