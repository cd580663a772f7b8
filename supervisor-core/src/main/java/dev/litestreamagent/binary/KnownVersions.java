package dev.litestreamagent.binary;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;

/**
 * What binaries printed for {@code litestream version}, kept in the cache directory across JVMs: running
 * it costs a process spawn and a Go runtime start (tens of ms) on every CLI command and agent start,
 * and a binary's answer changes only when the file does. The output is kept as printed, so that the
 * CLI's {@code version} can repeat it without a spawn. An entry holds for one absolute path with one
 * size and modification time (nanoseconds where the file system keeps them); anything else, or an
 * unreadable file, is a miss. Writes replace the file atomically; a failed write only costs the next
 * run a spawn.
 */
final class KnownVersions {
    /** Not the name of the earlier file, which kept the parsed version only: its entries cannot be repeated as printed. */
    static final String FILE_NAME = "litestream-version-outputs.properties";

    private final Path file;

    KnownVersions(Path cacheDirectory) {
        this.file = cacheDirectory.resolve(FILE_NAME);
    }

    /** What the binary as it is now ({@code stamp}) printed, or null. */
    String get(Path binary, String stamp) {
        String entry = read().getProperty(binary.toString());
        return entry == null || !entry.startsWith(stamp + " ") ? null : entry.substring(stamp.length() + 1);
    }

    void put(Path binary, String stamp, String output) {
        Properties known = read();
        known.setProperty(binary.toString(), stamp + " " + output);
        try {
            Files.createDirectories(file.getParent());
            Path temp = Files.createTempFile(file.getParent(), FILE_NAME, ".tmp");
            try {
                try (OutputStream out = Files.newOutputStream(temp)) {
                    known.store(out, "litestream version outputs by path: size mtime-ns output");
                }
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException | RuntimeException unwritable) {
            // a read-only or missing cache directory: the next run asks the binary again
        }
    }

    private Properties read() {
        Properties known = new Properties();
        if (Files.isRegularFile(file)) {
            try (InputStream in = new FileInputStream(file.toFile())) { // not NIO channels, a cold CLI's cost
                known.load(in);
            } catch (IOException | IllegalArgumentException unreadable) {
                return new Properties();
            }
        }
        return known;
    }
}
