package dev.litestreamagent.cli;

import dev.litestreamagent.exec.ChildProcess;
import dev.litestreamagent.exec.Output;
import dev.litestreamagent.exec.ProcessLauncher;
import dev.litestreamagent.exec.ProcessSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A {@link ProcessLauncher} that records command lines (and the config file as it was) instead of running them. */
final class RecordingLauncher implements ProcessLauncher {
    final List<List<String>> commands = new ArrayList<>();
    final List<Map<String, String>> environments = new ArrayList<>();
    final List<String> configPermissions = new ArrayList<>();
    final List<String> configContents = new ArrayList<>();
    final List<ProcessSpec> specs = new ArrayList<>();
    /** The exit code of a run attached to the terminal. */
    int exitCode;
    /** How a run with captured output ends. */
    ChildProcess captured = new FinishedChild(1, "cannot connect to replica");

    @Override
    public ChildProcess launch(ProcessSpec spec) throws java.io.IOException {
        specs.add(spec);
        record(spec.command(), spec.environment());
        return spec.output().kind() == Output.Kind.CAPTURED ? captured : new FinishedChild(exitCode, "");
    }

    /** The arguments after {@code litestream <command>}, with the temp config's name replaced by CONFIG. */
    List<String> lastArgs() {
        List<String> args = new ArrayList<>(commands.get(commands.size() - 1));
        int config = args.indexOf("-config");
        if (config >= 0) {
            args.set(config + 1, "CONFIG");
        }
        return args;
    }

    Path lastConfig() {
        List<String> command = commands.get(commands.size() - 1);
        return Paths.get(command.get(command.indexOf("-config") + 1));
    }

    private void record(List<String> command, Map<String, String> extraEnv) throws java.io.IOException {
        commands.add(command);
        environments.add(extraEnv);
        int config = command.indexOf("-config");
        if (config >= 0) {
            Path file = Paths.get(command.get(config + 1));
            configPermissions.add(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            configContents.add(Files.readString(file));
        }
    }
}
