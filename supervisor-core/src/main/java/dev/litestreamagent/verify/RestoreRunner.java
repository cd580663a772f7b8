package dev.litestreamagent.verify;

import dev.litestreamagent.exec.RunResult;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/** Runs {@code litestream restore -o <output> <database>} with the replication's configuration. */
public interface RestoreRunner {

    /** Restores the newest state of {@code database}'s replica into {@code output}; killed when {@code timeout} passes. */
    RunResult restore(Path database, Path output, Duration timeout) throws IOException, InterruptedException;
}
