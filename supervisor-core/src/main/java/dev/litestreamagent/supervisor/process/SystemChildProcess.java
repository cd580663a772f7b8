package dev.litestreamagent.supervisor.process;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/** A real child; remembers its descendants so they can be killed even after it died and they were re-parented. */
final class SystemChildProcess implements ChildProcess {
    private final Process process;
    private final Set<ProcessHandle> descendants = ConcurrentHashMap.newKeySet();

    SystemChildProcess(Process process) {
        this.process = process;
    }

    @Override
    public long pid() {
        return process.pid();
    }

    @Override
    public boolean waitFor(Duration timeout) throws InterruptedException {
        rememberDescendants();
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
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
        rememberDescendants();
        process.destroyForcibly();
        // ProcessHandle checks the start time, so a reused pid is never hit.
        descendants.forEach(ProcessHandle::destroyForcibly);
    }

    private void rememberDescendants() {
        if (process.isAlive()) {
            process.descendants().forEach(descendants::add);
        }
    }
}
