package dev.litestreamagent.verify;

import dev.litestreamagent.exec.RunResult;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Runs {@code litestream restore -o <output> <database>} with the replication's configuration. */
public interface RestoreRunner {

    /** Restores the newest state of {@code database}'s replica into {@code output}; killed when {@code timeout} passes. */
    RunResult restore(Path database, Path output, Duration timeout) throws IOException, InterruptedException;

    /**
     * {@code restore}'s arguments after its name and flags of its own: {@code [-replica NAME] -o OUTPUT DB}, without
     * {@code -replica} when {@code replica} is empty (a database's one replica).
     */
    static List<String> arguments(String replica, Path output, Path database) {
        List<String> args = new ArrayList<>();
        if (!replica.isEmpty()) {
            args.addAll(Arrays.asList("-replica", replica));
        }
        args.addAll(Arrays.asList("-o", output.toString(), database.toString()));
        return args;
    }
}
