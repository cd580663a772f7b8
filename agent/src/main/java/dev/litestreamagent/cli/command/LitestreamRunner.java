package dev.litestreamagent.cli.command;

import dev.litestreamagent.exec.Output;
import dev.litestreamagent.exec.ProcessLauncher;
import dev.litestreamagent.exec.ProcessRunner;
import dev.litestreamagent.exec.ProcessSpec;
import dev.litestreamagent.exec.RunResult;
import dev.litestreamagent.runtime.GeneratedConfigFile;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Runs {@code litestream <command> [-config <generated>] args...} for the installed binary. */
final class LitestreamRunner {
    private final CliContext context;
    private final ProcessRunner runner;

    LitestreamRunner(CliContext context, ProcessLauncher launcher) {
        this.context = context;
        this.runner = new ProcessRunner(launcher);
    }

    /**
     * Runs attached to the terminal and returns Litestream's own exit code; when only this JVM is
     * told to stop, Litestream is stopped within {@code litestream.stop-timeout}. {@code logOnly}: what
     * Litestream prints is a log, sent to stderr with its own, so that this CLI's stdout carries results only.
     */
    int run(String command, List<String> args, boolean withConfig, boolean logOnly)
            throws IOException, InterruptedException {
        Output output = logOnly ? Output.inheritedAsLog() : Output.inherited();
        if (!withConfig) {
            return runner.runForeground(spec(command(command, null, args), output), context.stopTimeout());
        }
        try (GeneratedConfigFile config = writeConfig(command)) {
            return runner.runForeground(spec(command(command, config, args), output), context.stopTimeout());
        }
    }

    /**
     * Runs a command that reads neither a config nor credentials ({@code version}): without the config's
     * secret variables, so nothing is rendered (the YAML library is most of a short command's time).
     */
    int runPlain(String command, List<String> args) throws IOException, InterruptedException {
        return runner.runForeground(ProcessSpec.of(command(command, null, args), Output.inherited()), context.stopTimeout());
    }

    /** Runs with the generated config and the output captured, bounded by {@code timeout}. */
    RunResult capture(String command, List<String> args, Duration timeout) throws IOException, InterruptedException {
        try (GeneratedConfigFile config = writeConfig(command)) {
            return runner.run(spec(command(command, config, args), Output.captured()), timeout);
        }
    }

    /**
     * The generated config, which must name a database: Litestream 0.3's {@code replicate} would
     * otherwise say "no databases specified" and wait for a signal.
     */
    private GeneratedConfigFile writeConfig(String command) throws IOException {
        if (context.nothingConfigured()) {
            throw new IllegalArgumentException(command + ": " + context.noDatabaseReason());
        }
        return GeneratedConfigFile.write(context.renderedYaml());
    }

    private ProcessSpec spec(List<String> command, Output output) {
        return ProcessSpec.of(command, output).withEnvironment(context.childEnvironment());
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
