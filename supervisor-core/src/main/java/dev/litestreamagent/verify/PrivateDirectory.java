package dev.litestreamagent.verify;

import dev.litestreamagent.fs.FileTrees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;

/** A temp directory only its owner can enter (restored copies hold application data), removed on close. */
final class PrivateDirectory implements AutoCloseable {
    private final Path path;

    private PrivateDirectory(Path path) {
        this.path = path;
    }

    static PrivateDirectory create(String prefix) throws IOException {
        return new PrivateDirectory(Files.createTempDirectory(prefix,
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"))));
    }

    Path path() {
        return path;
    }

    /** Deletes everything inside, keeping the directory. */
    void clear() throws IOException {
        try (Stream<Path> children = Files.list(path)) {
            for (Path child : (Iterable<Path>) children::iterator) {
                FileTrees.delete(child);
            }
        }
    }

    @Override
    public void close() throws IOException {
        FileTrees.delete(path);
    }
}
