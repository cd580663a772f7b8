package dev.litestreamagent.supervisor.lock;

import dev.litestreamagent.fs.OwnedDirectory;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The per-database state directory {@code <db dir>/.<db name>-litestream-agent/}: {@code lock}
 * (held while a supervisor replicates the database), {@code litestream.pid} and
 * {@code litestream.log}, and {@code status.json} (the agent's health document, for the CLI's
 * {@code status}). Next to the database so every process that replicates it, whatever its
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

    public Path statusFile() {
        return directory.resolve("status.json");
    }

    /**
     * Creates the directory (and the database's directory) owner-only, or checks the one found.
     *
     * @throws dev.litestreamagent.fs.UnsafeDirectoryException when it is a link, another user's, or writable by others
     */
    public StateDirectory create() throws IOException {
        OwnedDirectory.ensure(directory, "The state directory of " + database);
        return this;
    }

    @Override
    public String toString() {
        return directory.toString();
    }
}
