package dev.litestreamagent.verify;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/** Runs {@code litestream restore -o <output> <database>} with the replication's configuration. */
public interface RestoreRunner {

    /** Restores the newest state of {@code database}'s replica into {@code output}; killed when {@code timeout} passes. */
    Result restore(Path database, Path output, Duration timeout) throws IOException, InterruptedException;

    /** How one restore ended. */
    final class Result {
        private final int exitCode;
        private final String output;
        private final boolean timedOut;

        public Result(int exitCode, String output, boolean timedOut) {
            this.exitCode = exitCode;
            this.output = output;
            this.timedOut = timedOut;
        }

        /** Meaningless when {@link #timedOut()}. */
        public int exitCode() {
            return exitCode;
        }

        /** Litestream's output, standard error included. */
        public String output() {
            return output;
        }

        public boolean timedOut() {
            return timedOut;
        }
    }
}
