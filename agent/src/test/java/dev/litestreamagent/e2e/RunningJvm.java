package dev.litestreamagent.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An application JVM started by a {@link Launch}, not a plain child of the test: found by pid,
 * signalled as a user or a service manager would, its output read from a log file.
 */
final class RunningJvm implements AutoCloseable {
    private static final Pattern ACK = Pattern.compile("(?m)^ACK (\\d+)\\r?$");

    private final ProcessHandle jvm;
    private final Optional<Process> wrapper;
    private final Path log;
    /** The private tmux server whose pane is the JVM's terminal, if it has one. */
    private final Optional<String> tmuxSocket;

    RunningJvm(ProcessHandle jvm, Optional<Process> wrapper, Path log, Optional<String> tmuxSocket) {
        this.jvm = jvm;
        this.wrapper = wrapper;
        this.log = log;
        this.tmuxSocket = tmuxSocket;
    }

    long pid() {
        return jvm.pid();
    }

    /** {@code kill -s SIGNAL pid}. */
    void signal(String signal) throws IOException, InterruptedException {
        kill(signal, Long.toString(jvm.pid()));
    }

    /** {@code kill -s SIGNAL -pgid}: every process of the JVM's process group, as a service manager or a shell does. */
    void signalGroup(String signal) throws IOException, InterruptedException {
        kill(signal, "-" + processGroup());
    }

    /**
     * The file whose appearance makes an application started with {@code --exit-when} it call
     * {@code System.exit(0)} ({@link #requestExit()}), beside the JVM's output {@code log}.
     */
    static Path exitTrigger(Path log) {
        return log.resolveSibling(log.getFileName() + ".exit");
    }

    /** Makes the application call {@code System.exit(0)} itself; see {@link #exitTrigger(Path)}. */
    void requestExit() throws IOException {
        Files.createFile(exitTrigger(log));
    }

    /** Ctrl-C typed into the JVM's terminal. */
    void ctrlC() throws IOException, InterruptedException {
        Launch.tmux(tmuxSocket.orElseThrow(() -> new IllegalStateException("this JVM has no terminal")),
                "send-keys", "-t", "app", "C-c");
    }

    private long processGroup() throws IOException {
        String stat = new String(Files.readAllBytes(Path.of("/proc/" + jvm.pid() + "/stat")), StandardCharsets.UTF_8);
        // pid (comm) state ppid pgrp ...: comm may hold spaces, so count from its closing parenthesis.
        return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[2]);
    }

    private static void kill(String signal, String target) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-s", signal, "--", target).redirectErrorStream(true).start();
        String output = new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new IllegalStateException("kill -s " + signal + " -- " + target + " failed: " + output);
        }
    }

    String output() throws IOException {
        return Files.exists(log) ? new String(Files.readAllBytes(log), StandardCharsets.UTF_8) : "";
    }

    /** The ids the application acknowledged (printed after their commit returned), in order. */
    List<Long> acked() throws IOException {
        List<Long> ids = new ArrayList<>();
        Matcher m = ACK.matcher(output());
        while (m.find()) {
            ids.add(Long.parseLong(m.group(1)));
        }
        return ids;
    }

    /** The last lines of the output other than ACKs, for a failure message. */
    String tail(int lines) throws IOException {
        List<String> kept = new ArrayList<>();
        for (String line : output().split("\\r?\\n")) {
            if (!line.startsWith("ACK ")) {
                kept.add(line);
            }
        }
        return String.join("\n", kept.subList(Math.max(0, kept.size() - lines), kept.size()));
    }

    void awaitOutput(String marker, Duration timeout) throws IOException, InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!output().contains(marker)) {
            if (!jvm.isAlive() || System.nanoTime() > deadline) {
                throw new TimeoutException("no '" + marker + "' within " + timeout + " (JVM "
                        + (jvm.isAlive() ? "running" : "gone") + "):\n" + tail(40));
            }
            Thread.sleep(50);
        }
    }

    /** Waits for the JVM (and whatever wrapped it) to be gone. */
    boolean awaitExit(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (jvm.isAlive() || wrapper.map(Process::isAlive).orElse(false)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    /** SIGKILL to the JVM and its wrapper. */
    void kill() {
        jvm.destroyForcibly();
        wrapper.ifPresent(Process::destroyForcibly);
    }

    @Override
    public void close() throws InterruptedException {
        if (!awaitExit(Duration.ZERO)) {
            kill();
            awaitExit(Duration.ofSeconds(10));
        }
        if (tmuxSocket.isPresent()) {
            try {
                Launch.tmux(tmuxSocket.get(), "kill-server");
            } catch (IOException | IllegalStateException e) {
                // the server ends by itself with its last pane
            }
        }
    }
}
