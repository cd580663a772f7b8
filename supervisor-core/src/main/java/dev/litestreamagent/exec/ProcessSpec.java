package dev.litestreamagent.exec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What to launch: the command, the variables added to this JVM's environment, where the output
 * goes, the working directory, and whether the child gets a session of its own. Immutable; the
 * {@code with} methods return a copy.
 */
public final class ProcessSpec {
    private final List<String> command;
    private final Map<String, String> environment;
    private final Output output;
    private final Path directory;
    private final boolean newSession;

    private ProcessSpec(List<String> command, Map<String, String> environment, Output output, Path directory,
            boolean newSession) {
        this.command = command;
        this.environment = environment;
        this.output = output;
        this.directory = directory;
        this.newSession = newSession;
    }

    /** {@code command} with no extra environment, in this JVM's working directory and session. */
    public static ProcessSpec of(List<String> command, Output output) {
        if (command.isEmpty()) {
            throw new IllegalArgumentException("command: was empty, expected a program and its arguments");
        }
        return new ProcessSpec(Collections.unmodifiableList(new ArrayList<>(command)), Collections.emptyMap(),
                Objects.requireNonNull(output, "output"), null, false);
    }

    /** Variables set on top of the inherited environment (a secret's value, for example). */
    public ProcessSpec withEnvironment(Map<String, String> extra) {
        return new ProcessSpec(command, Collections.unmodifiableMap(new LinkedHashMap<>(extra)), output, directory, newSession);
    }

    public ProcessSpec withOutput(Output newOutput) {
        return new ProcessSpec(command, environment, Objects.requireNonNull(newOutput, "output"), directory, newSession);
    }

    public ProcessSpec inDirectory(Path workingDirectory) {
        return new ProcessSpec(command, environment, output, Objects.requireNonNull(workingDirectory, "directory"),
                newSession);
    }

    /**
     * With {@code true}, the child runs in a session (and process group) of its own, so that a
     * signal aimed at this JVM's group or terminal (Ctrl-C, {@code kill -TERM -<pgid>}) does not
     * reach it; its pid stays the command's own. See {@link SystemProcessLauncher}.
     */
    public ProcessSpec withNewSession(boolean own) {
        return new ProcessSpec(command, environment, output, directory, own);
    }

    public List<String> command() {
        return command;
    }

    public Map<String, String> environment() {
        return environment;
    }

    public Output output() {
        return output;
    }

    /** The working directory; empty means this JVM's. */
    public Optional<Path> directory() {
        return Optional.ofNullable(directory);
    }

    public boolean newSession() {
        return newSession;
    }

    /** The command and the output; never the environment, which may hold secrets. */
    @Override
    public String toString() {
        return command + " (output " + output + (newSession ? ", new session" : "") + ")";
    }
}
