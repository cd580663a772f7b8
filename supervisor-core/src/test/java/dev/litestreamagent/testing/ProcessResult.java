package dev.litestreamagent.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A finished child process: exit code and merged output. */
public final class ProcessResult {
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
        return run(new ProcessBuilder(command), timeoutSeconds);
    }

    /** Runs to completion; output goes through a file so a chatty child never blocks; killed after the timeout. */
    public static ProcessResult run(ProcessBuilder builder, long timeoutSeconds) throws IOException, InterruptedException {
        Path log = Files.createTempFile("harness-process", ".log");
        try {
            Process process = builder.redirectErrorStream(true).redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor();
                throw new AssertionError("timed out after " + timeoutSeconds + " s: " + builder.command()
                        + "\n" + new String(Files.readAllBytes(log), StandardCharsets.UTF_8));
            }
            return new ProcessResult(process.exitValue(), new String(Files.readAllBytes(log), StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(log);
        }
    }

    public static ProcessResult run(List<String> command, Map<String, String> env, Path workDir, long timeoutSeconds)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
        builder.environment().putAll(env);
        return run(builder, timeoutSeconds);
    }

    @Override
    public String toString() {
        return "exit " + exitCode + ":\n" + output;
    }
}
