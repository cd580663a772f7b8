package dev.litestreamagent.supervisor.lock;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The per-database state directory {@code <db dir>/.<db name>-litestream-agent/}: {@code lock}
 * (held while a supervisor replicates the database), {@code litestream.pid} and
 * {@code litestream.log}. Next to the database so every process that replicates it, whatever its
 * configuration file, meets the same lock.
 */
public final class StateDirectory {
    private final Path database;
    private final Path directory;

    private StateDirectory(Path database) {
        this.database = database.toAbsolutePath().normalize();
        this.directory = this.database.resolveSibling("." + this.database.getFileName() + "-litestream-agent");
    }

    public static StateDirectory of(Path database) {
        return new StateDirectory(database);
    }

    public Path database() {
        return database;
    }

    public Path directory() {
        return directory;
    }

    public Path lockFile() {
        return directory.resolve("lock");
    }

    public Path pidFile() {
        return directory.resolve("litestream.pid");
    }

    public Path logFile() {
        return directory.resolve("litestream.log");
    }

    /** Creates the directory (and the database's directory) owner-only where the file system allows. */
    public StateDirectory create() throws IOException {
        Files.createDirectories(directory.getParent());
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            if (!Files.isDirectory(directory)) {
                try {
                    Files.createDirectory(directory,
                            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                } catch (java.nio.file.FileAlreadyExistsException raced) {
                    // another process created it meanwhile: fine
                }
            }
        } else {
            Files.createDirectories(directory);
        }
        return this;
    }

    @Override
    public String toString() {
        return directory.toString();
    }
}
