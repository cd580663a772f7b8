package dev.litestreamagent.runtime;

import dev.litestreamagent.binary.BinaryException;
import dev.litestreamagent.config.ConfigException;
import java.io.IOException;
import java.util.Map;

/**
 * What every restore on start shares: the binary, its version, the rendered config, that config on disk and the
 * restores' environment ({@link RestoreEnvironment}).
 * Prepared once, by the first database whose replica may hold something, while the others' replicas are still
 * being looked at (a first deploy prepares nothing); the other restores wait for it. Thread-safe.
 */
final class RestoreSetup implements AutoCloseable {
    /** Prepared, or why it could not be. */
    static final class Prepared {
        final LitestreamSetup setup;
        final GeneratedConfigFile file;
        final Map<String, String> environment;
        final String failure;

        private Prepared(LitestreamSetup setup, GeneratedConfigFile file, Map<String, String> environment, String failure) {
            this.setup = setup;
            this.file = file;
            this.environment = environment;
            this.failure = failure;
        }

        private static Prepared failed(String failure) {
            return new Prepared(null, null, null, failure);
        }
    }

    private final StartupRestore.SetupSource source;
    private final Map<String, String> inherited;
    private Prepared prepared; // guarded by this

    /** @param inherited the environment each restore inherits from this JVM */
    RestoreSetup(StartupRestore.SetupSource source, Map<String, String> inherited) {
        this.source = source;
        this.inherited = inherited;
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
            return Prepared.failed(e.getMessage());
        }
        try {
            return new Prepared(setup, GeneratedConfigFile.write(setup.rendered().yaml()),
                    RestoreEnvironment.of(setup.rendered().environment(), inherited, setup.version()), null);
        } catch (IOException e) {
            return Prepared.failed("cannot write the Litestream config for the restore: " + e.getMessage());
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
