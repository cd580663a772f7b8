package dev.litestreamagent.replica;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * A file replica: Litestream 0.3 keeps it under {@code <path>/generations/}, 0.5 under
 * {@code <path>/ltx/}. Empty only when neither holds anything (or exists).
 */
final class FileReplicaLook {
    private FileReplicaLook() {
    }

    static boolean isEmpty(ReplicaOptionValues options) throws IOException {
        String path = options.require("path");
        if (path.startsWith("~")) {
            throw new IOException("the replica path starts with '~'"); // Litestream expands it, this look does not
        }
        // Relative paths: Litestream runs in this JVM's working directory.
        Path root = Paths.get(path).toAbsolutePath();
        return isEmptyDirectory(root.resolve("generations")) && isEmptyDirectory(root.resolve("ltx"));
    }

    /** Missing, or a directory without entries; anything else (a file, no permission) throws or is not empty. */
    private static boolean isEmptyDirectory(Path dir) throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            return !entries.iterator().hasNext();
        } catch (NoSuchFileException e) {
            return true;
        }
    }
}
