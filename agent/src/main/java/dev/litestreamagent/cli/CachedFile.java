package dev.litestreamagent.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.zip.CRC32;

/**
 * A file in the agent's cache directory holding a jar entry's bytes, reused while its CRC-32 is the
 * entry's. The cache directory is the user's own and writable by no one else ({@code OwnedDirectory}),
 * so the check guards against a stale or damaged copy, not an attacker; the CRC-32 the jar already
 * records costs nothing to read, where a SHA-256 of the 14 MB driver jar cost ~0.3 s per command.
 */
final class CachedFile {
    private CachedFile() {
    }

    /** The bytes {@link #open} gives. */
    interface Content {
        InputStream open() throws IOException;
    }

    /**
     * {@code dir/name}, written from {@code content} (through a temporary file moved into place, so a
     * concurrent command never reads half a file) unless it already holds bytes of CRC-32 {@code crc}.
     */
    static Path ensure(Path dir, String name, long crc, Content content) throws IOException {
        Path target = dir.resolve(name);
        if (Files.isRegularFile(target) && crc32(target) == crc) {
            return target;
        }
        Path temp = Files.createTempFile(dir, name, ".tmp", PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rw-------")));
        try {
            CRC32 written = new CRC32();
            try (InputStream in = content.open(); OutputStream out = Files.newOutputStream(temp)) {
                byte[] buffer = new byte[1 << 16];
                for (int n; (n = in.read(buffer)) > 0; ) {
                    out.write(buffer, 0, n);
                    written.update(buffer, 0, n);
                }
            }
            if (written.getValue() != crc) {
                throw new IOException("the copy of " + name + " has CRC-32 " + Long.toHexString(written.getValue())
                        + ", expected " + Long.toHexString(crc) + " (a damaged agent jar?)");
            }
            return Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    static long crc32(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes);
        return crc.getValue();
    }

    private static long crc32(Path file) throws IOException {
        CRC32 crc = new CRC32();
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                crc.update(buffer, 0, n);
            }
        }
        return crc.getValue();
    }
}
