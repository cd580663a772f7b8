package dev.litestreamagent.runtime;

import dev.litestreamagent.exec.Output;
import dev.litestreamagent.exec.ProcessLauncher;
import dev.litestreamagent.exec.ProcessRunner;
import dev.litestreamagent.exec.ProcessSpec;
import dev.litestreamagent.exec.RunResult;
import dev.litestreamagent.verify.RestoreRunner;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;

/**
 * verify's restores from inside the application: {@code litestream restore -config <file> -o <output> <db>}
 * with the agent's binary, rendered configuration and replica environment. Each restore gets a config
 * file of its own, so a replication restart that rewrites or removes the running one never races it.
 */
public final class ReplicaRestore implements RestoreRunner {
    private final LitestreamSetup setup;
    private final ProcessRunner runner;

    public ReplicaRestore(LitestreamSetup setup, ProcessLauncher launcher) {
        this.setup = setup;
        this.runner = new ProcessRunner(launcher);
    }

    @Override
    public RunResult restore(Path database, Path output, Duration timeout) throws IOException, InterruptedException {
        try (GeneratedConfigFile config = GeneratedConfigFile.write(setup.rendered().yaml())) {
            return runner.run(ProcessSpec.of(Arrays.asList(setup.binary().path().toString(), "restore", "-config",
                    config.path().toString(), "-o", output.toString(), database.toString()), Output.captured())
                    .withEnvironment(setup.rendered().environment()), timeout);
        }
    }
}
