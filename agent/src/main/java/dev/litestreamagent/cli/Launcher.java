package dev.litestreamagent.cli;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Starts Litestream; an interface so argument lists are tested without running a binary. */
interface Launcher {

    /** Runs with the terminal's stdin, stdout and stderr; returns the exit code. */
    int runAttached(List<String> command, Map<String, String> extraEnv) throws IOException, InterruptedException;

    /** Runs with the output captured, killed (with its children) when {@code timeout} passes. */
    Captured runCaptured(List<String> command, Map<String, String> extraEnv, Duration timeout)
            throws IOException, InterruptedException;

    /** The end of a captured run. */
    final class Captured {
        private final int exitCode;
        private final String output;
        private final boolean timedOut;

        Captured(int exitCode, String output, boolean timedOut) {
            this.exitCode = exitCode;
            this.output = output;
            this.timedOut = timedOut;
        }

        int exitCode() {
            return exitCode;
        }

        String output() {
            return output;
        }

        boolean timedOut() {
            return timedOut;
        }

        boolean succeeded() {
            return !timedOut && exitCode == 0;
        }
    }
}
