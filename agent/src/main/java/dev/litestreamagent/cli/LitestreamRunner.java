package dev.litestreamagent.cli;

import dev.litestreamagent.runtime.GeneratedConfigFile;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Runs {@code litestream <command> [-config <generated>] args...} for the installed binary. */
final class LitestreamRunner {
    private final CliContext context;
    private final Launcher launcher;

    LitestreamRunner(CliContext context, Launcher launcher) {
        this.context = context;
        this.launcher = launcher;
    }

    /** Runs attached to the terminal and returns Litestream's own exit code. */
    int run(String command, List<String> args, boolean withConfig) throws IOException, InterruptedException {
        if (!withConfig) {
            return launcher.runAttached(command(command, null, args), context.childEnvironment());
        }
        try (GeneratedConfigFile config = GeneratedConfigFile.write(context.renderedYaml())) {
            return launcher.runAttached(command(command, config, args), context.childEnvironment());
        }
    }

    /** Runs with the generated config and the output captured, bounded by {@code timeout}. */
    Launcher.Captured capture(String command, List<String> args, Duration timeout) throws IOException, InterruptedException {
        try (GeneratedConfigFile config = GeneratedConfigFile.write(context.renderedYaml())) {
            return launcher.runCaptured(command(command, config, args), context.childEnvironment(), timeout);
        }
    }

    private List<String> command(String command, GeneratedConfigFile config, List<String> args) {
        List<String> line = new ArrayList<>();
        line.add(context.binary().toString());
        line.add(command);
        if (config != null) {
            line.add("-config");
            line.add(config.path().toString());
        }
        line.addAll(args);
        return line;
    }
}
