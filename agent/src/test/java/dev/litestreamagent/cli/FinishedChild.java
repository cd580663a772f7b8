package dev.litestreamagent.cli;

import dev.litestreamagent.exec.ChildProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/** A child that has already exited with a given code and output: what fake launchers hand back. */
final class FinishedChild implements ChildProcess {
    private final int exitCode;
    private final String output;

    FinishedChild(int exitCode, String output) {
        this.exitCode = exitCode;
        this.output = output;
    }

    @Override
    public long pid() {
        return -1;
    }

    @Override
    public boolean waitFor(Duration timeout) {
        return true;
    }

    @Override
    public int exitCode() {
        return exitCode;
    }

    @Override
    public Optional<Set<Path>> openFiles() {
        return Optional.empty();
    }

    @Override
    public void terminate() {
    }

    @Override
    public void killTree() {
    }

    @Override
    public String output() {
        return output;
    }
}
