package dev.litestreamagent.supervisor;

import dev.litestreamagent.exec.ChildProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/** A child whose open files the test sets; counts the waits before SIGTERM. */
final class ScriptedChild implements ChildProcess {
    volatile Set<Path> open = Set.of();
    volatile int waitsBeforeTerminate;
    volatile boolean terminated;
    volatile boolean ignoresSigterm;
    volatile boolean killed;
    volatile Duration waitAfterSigterm;

    @Override
    public long pid() {
        return 1;
    }

    @Override
    public boolean waitFor(Duration timeout) throws InterruptedException {
        if (terminated && ignoresSigterm && !killed) {
            waitAfterSigterm = timeout;
            return false;
        }
        if (terminated) {
            return true;
        }
        waitsBeforeTerminate++;
        Thread.sleep(timeout.toMillis());
        return false;
    }

    @Override
    public int exitCode() {
        return 0;
    }

    @Override
    public Optional<Set<Path>> openFiles() {
        return Optional.of(open);
    }

    @Override
    public void terminate() {
        terminated = true;
    }

    @Override
    public void killTree() {
        terminated = true;
        killed = true;
    }
}
