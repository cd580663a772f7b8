package dev.litestreamagent.runtime;

import dev.litestreamagent.binary.BinaryException;
import dev.litestreamagent.config.ConfigException;
import java.io.IOException;

/**
 * What every restore on start shares: the binary, its version, the rendered config and that config on disk.
 * Prepared once, by the first database whose replica may hold something, while the others' replicas are still
 * being looked at (a first deploy prepares nothing); the other restores wait for it. Thread-safe.
 */
final class RestoreSetup implements AutoCloseable {
    /** Prepared, or why it could not be. */
    static final class Prepared {
        final LitestreamSetup setup;
        final GeneratedConfigFile file;
        final String failure;

        private Prepared(LitestreamSetup setup, GeneratedConfigFile file, String failure) {
            this.setup = setup;
            this.file = file;
            this.failure = failure;
        }
    }

    private final StartupRestore.SetupSource source;
    private Prepared prepared; // guarded by this

    RestoreSetup(StartupRestore.SetupSource source) {
        this.source = source;
    }

    /** The setup and its config file; a failure is kept, so every waiting restore sees the same one at once. */
    synchronized Prepared get() {
        if (prepared == null) {
            prepared = prepare();
        }
        return prepared;
    }

    private Prepared prepare() {
        LitestreamSetup setup;
        try {
            setup = source.get();
        } catch (BinaryException | ConfigException e) {
            return new Prepared(null, null, e.getMessage());
        }
        try {
            return new Prepared(setup, GeneratedConfigFile.write(setup.rendered().yaml()), null);
        } catch (IOException e) {
            return new Prepared(null, null, "cannot write the Litestream config for the restore: " + e.getMessage());
        }
    }

    /** Deletes the config file, once every restore has ended. */
    @Override
    public synchronized void close() throws IOException {
        if (prepared != null && prepared.file != null) {
            prepared.file.close();
        }
    }
}
