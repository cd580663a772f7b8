package dev.litestreamagent.exec;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/** A real child; its {@link ProcessTree} remembers its descendants each time it is waited for. */
final class SystemChildProcess implements ChildProcess {
    private final Process process;
    private final ProcessTree tree;
    private final CapturedOutput captured;

    /** {@code captured} is null unless the output goes to a pipe this JVM reads (kept or copied). */
    SystemChildProcess(Process process, CapturedOutput captured) {
        this.process = process;
        this.tree = new ProcessTree(process.toHandle());
        this.captured = captured;
    }

    @Override
    public long pid() {
        return process.pid();
    }

    @Override
    public boolean waitFor(Duration timeout) throws InterruptedException {
        tree.rememberWhileWaiting();
        return waitOnce(timeout);
    }

    @Override
    public boolean waitOnce(Duration timeout) throws InterruptedException {
        boolean exited = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (exited && captured != null) {
            captured.awaitDrained(); // its last lines, before whoever waited reports the end
        }
        return exited;
    }

    @Override
    public int exitCode() {
        return process.exitValue();
    }

    @Override
    public Optional<Set<Path>> openFiles() {
        Set<Path> open = new HashSet<>();
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(Paths.get("/proc", Long.toString(pid()), "fd"))) {
            for (Path fd : fds) {
                try {
                    open.add(Files.readSymbolicLink(fd));
                } catch (IOException closedMeanwhile) {
                    // the descriptor went away while listing
                }
            }
        } catch (IOException | UnsupportedOperationException noProc) {
            return Optional.empty();
        }
        return Optional.of(open);
    }

    @Override
    public void terminate() {
        process.destroy(); // SIGTERM on Unix
    }

    @Override
    public void killTree() {
        tree.killTree();
    }

    @Override
    public String output() {
        return captured == null ? "" : captured.text(!process.isAlive());
    }
}
