package dev.litestreamagent.testing;

import dev.litestreamagent.exec.Output;
import dev.litestreamagent.exec.ProcessRunner;
import dev.litestreamagent.exec.ProcessSpec;
import dev.litestreamagent.exec.RunResult;
import dev.litestreamagent.exec.SystemProcessLauncher;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A finished child process: exit code and merged output. */
public final class ProcessResult {
    /** All of a test child's output, a whole JVM's log included, is kept. */
    private static final int OUTPUT_LIMIT = 64 * 1024 * 1024;
    private static final int TAIL_LINES = 30;

    private final int exitCode;
    private final String output;

    public ProcessResult(int exitCode, String output) {
        this.exitCode = exitCode;
        this.output = output;
    }

    public int exitCode() {
        return exitCode;
    }

    public String output() {
        return output;
    }

    public static ProcessResult run(Path executable, List<String> args, long timeoutSeconds) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(executable.toString());
        command.addAll(args);
        return run(command, timeoutSeconds);
    }

    public static ProcessResult run(List<String> command, long timeoutSeconds) throws IOException, InterruptedException {
        return run(ProcessSpec.of(command, Output.captured(OUTPUT_LIMIT)), timeoutSeconds);
    }

    public static ProcessResult run(List<String> command, Map<String, String> env, Path workDir, long timeoutSeconds)
            throws IOException, InterruptedException {
        return run(ProcessSpec.of(command, Output.captured(OUTPUT_LIMIT)).withEnvironment(env).inDirectory(workDir),
                timeoutSeconds);
    }

    /** Runs to completion through the agent's own process facility; killed (with its children) after the timeout. */
    private static ProcessResult run(ProcessSpec spec, long timeoutSeconds) throws IOException, InterruptedException {
        RunResult result = new ProcessRunner(new SystemProcessLauncher()).run(spec, Duration.ofSeconds(timeoutSeconds));
        if (result.timedOut()) {
            throw new AssertionError("timed out after " + timeoutSeconds + " s: " + spec.command() + "\n"
                    + tail(result.output(), TAIL_LINES));
        }
        return new ProcessResult(result.exitCode(), result.output());
    }

    /**
     * The exit code and the output's last lines: a failing test's message ends the build's console
     * output, and its last lines are where a child says why it failed.
     */
    @Override
    public String toString() {
        return "exit " + exitCode + ":\n" + tail(output, TAIL_LINES);
    }

    /** The last {@code lines} lines of {@code text}, after a line saying how many were left out. */
    public static String tail(String text, int lines) {
        String[] all = text.split("\n", -1);
        if (all.length <= lines) {
            return text;
        }
        return "[... " + (all.length - lines) + " earlier lines left out ...]\n"
                + String.join("\n", java.util.Arrays.asList(all).subList(all.length - lines, all.length));
    }
}
