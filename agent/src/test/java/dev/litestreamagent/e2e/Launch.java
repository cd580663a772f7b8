package dev.litestreamagent.e2e;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;

/**
 * How an application JVM is started for a stop test. Each puts it in a session and process group
 * of its own, so that a signal to its group never reaches the test runner, and starts it with
 * SIGINT at its default, as a process manager or a terminal does: a runner started in the
 * background of a script (`nohup`, `&`) ignores SIGINT, every child inherits that, and a JVM that
 * inherits it ignored never runs its shutdown hooks on SIGINT (GROUP_SIGINT then hung for 90 s).
 */
enum Launch {
    /** {@code setsid java ...}: a service started by a process manager, no terminal. */
    SESSION {
        @Override
        RunningJvm start(List<String> command, Path dir, Path log, String name) throws Exception {
            Process setsid = started(prefixed(List.of("setsid", "env", DEFAULT_SIGINT), command), dir, log);
            return new RunningJvm(setsid.toHandle(), Optional.of(setsid), log, Optional.empty());
        }
    },
    /** {@code unshare --pid --fork --mount-proc java ...}: the JVM is PID 1, as in a container; all dies with it. */
    PID_NAMESPACE {
        @Override
        void assumeAvailable() throws Exception {
            Assumptions.assumeTrue(succeeds(List.of("unshare", "--pid", "--fork", "--mount-proc", "true")),
                    "unshare --pid --fork --mount-proc is not permitted here (it needs root or user namespaces)");
        }

        @Override
        RunningJvm start(List<String> command, Path dir, Path log, String name) throws Exception {
            Process unshare = started(prefixed(List.of("setsid", "unshare", "--pid", "--fork", "--mount-proc", "env",
                    DEFAULT_SIGINT), command), dir, log);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (true) {
                // unshare forks the JVM: from out here it is unshare's one child.
                Optional<ProcessHandle> jvm = unshare.children().findFirst();
                if (jvm.isPresent()) {
                    return new RunningJvm(jvm.get(), Optional.of(unshare), log, Optional.empty());
                }
                if (!unshare.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException("unshare started no JVM: exit "
                            + (unshare.isAlive() ? "none yet" : unshare.exitValue()));
                }
                Thread.sleep(10);
            }
        }
    },
    /** In a tmux pane (a real terminal): the JVM is the terminal's foreground process group. */
    TERMINAL {
        @Override
        void assumeAvailable() throws Exception {
            Assumptions.assumeTrue(succeeds(List.of("tmux", "-V")), "tmux is not installed");
        }

        @Override
        RunningJvm start(List<String> command, Path dir, Path log, String name) throws Exception {
            // A private tmux server per run: tests in other JVMs may run their own beside it.
            String socket = "stop-" + ProcessHandle.current().pid() + "-" + Integer.toHexString(dir.hashCode()) + "-" + name;
            String shell = "cd " + quote(dir.toString()) + " && exec " + command.stream().map(Launch::quote)
                    .collect(Collectors.joining(" ")) + " >" + quote(log.toString()) + " 2>&1";
            tmux(socket, "new-session", "-d", "-s", "app", "-x", "200", "-y", "50", shell);
            String pane = tmux(socket, "display-message", "-p", "-t", "app", "#{pane_pid}").trim();
            ProcessHandle jvm = ProcessHandle.of(Long.parseLong(pane))
                    .orElseThrow(() -> new IllegalStateException("the tmux pane's process " + pane + " is gone"));
            return new RunningJvm(jvm, Optional.empty(), log, Optional.of(socket));
        }
    };

    /** coreutils' env: the command runs with SIGINT's default action whatever the runner ignores. */
    private static final String DEFAULT_SIGINT = "--default-signal=INT";

    abstract RunningJvm start(List<String> command, Path dir, Path log, String name) throws Exception;

    /** Skips the test, saying why, when this machine cannot start a JVM this way. */
    void assumeAvailable() throws Exception {
    }

    /** {@code tmux -L socket args...} with a private server; its output. */
    static String tmux(String socket, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("tmux", "-L", socket, "-f", "/dev/null"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putIfAbsent("TERM", "xterm-256color");
        Process tmux = builder.start();
        String output = new String(tmux.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!tmux.waitFor(10, TimeUnit.SECONDS) || tmux.exitValue() != 0) {
            throw new IllegalStateException(command + " failed: " + output);
        }
        return output;
    }

    private static Process started(List<String> command, Path dir, Path log) throws IOException {
        return new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
    }

    private static List<String> prefixed(List<String> prefix, List<String> command) {
        List<String> all = new ArrayList<>(prefix);
        all.addAll(command);
        return all;
    }

    private static boolean succeeds(List<String> command) throws InterruptedException {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
