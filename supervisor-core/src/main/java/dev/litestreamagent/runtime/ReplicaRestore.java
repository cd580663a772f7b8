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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * verify's restores from inside the application: {@code litestream restore -config <file> [-replica NAME] -o <output>
 * <db>} with the agent's binary, rendered configuration and replica environment. Each restore gets a config
 * file of its own, so a replication restart that rewrites or removes the running one never races it.
 */
public final class ReplicaRestore implements RestoreRunner {
    private final LitestreamSetup setup;
    private final ProcessRunner runner;
    private final String replica;

    /** @param replica the replica to restore from, {@code ""} for a database's one replica */
    public ReplicaRestore(LitestreamSetup setup, ProcessLauncher launcher, String replica) {
        this.setup = setup;
        this.runner = new ProcessRunner(launcher);
        this.replica = replica;
    }

    @Override
    public RunResult restore(Path database, Path output, Duration timeout) throws IOException, InterruptedException {
        try (GeneratedConfigFile config = GeneratedConfigFile.write(setup.rendered().yaml())) {
            List<String> command = new ArrayList<>(Arrays.asList(setup.binary().path().toString(), "restore", "-config",
                    config.path().toString()));
            command.addAll(RestoreRunner.arguments(replica, output, database));
            return runner.run(ProcessSpec.of(command, Output.captured()).withEnvironment(setup.rendered().environment()),
                    timeout);
        }
    }
}
