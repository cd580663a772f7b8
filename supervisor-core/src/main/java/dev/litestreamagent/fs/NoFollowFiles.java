package dev.litestreamagent.fs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

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

    /** Writes a file that must not exist yet (O_CREAT|O_EXCL), rw------- on POSIX file systems. */
    public static void writeNew(Path file, byte[] content) throws IOException {
        Set<OpenOption> options = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
        FileAttribute<?>[] ownerOnly = FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                : new FileAttribute<?>[0];
        try (SeekableByteChannel channel = Files.newByteChannel(file, options, ownerOnly)) {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        }
    }

    /**
     * Replaces {@code file} whole and at once (a reader sees the old content or the new, never half):
     * written to a sibling {@code .tmp} file, then renamed over it.
     */
    public static void replace(Path file, byte[] content) throws IOException {
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(temp); // left by a crash; a link is removed, never followed
        writeNew(temp, content);
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
