package dev.litestreamagent.exec;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A process and every descendant seen while it ran, so that they can be killed together even
 * after it died and they were re-parented. {@link ProcessHandle} checks the start time, so a
 * reused pid is never hit.
 */
public final class ProcessTree implements Stoppable {
    private final ProcessHandle root;
    private final Set<ProcessHandle> descendants = ConcurrentHashMap.newKeySet();

    ProcessTree(ProcessHandle root) {
        this.root = root;
    }

    /** The live process {@code pid} (not necessarily our child), with the descendants it has now. */
    public static Optional<ProcessTree> adopt(long pid) {
        return ProcessHandle.of(pid).map(handle -> {
            ProcessTree tree = new ProcessTree(handle);
            tree.remember();
            return tree;
        });
    }

    @Override
    public long pid() {
        return root.pid();
    }

    @Override
    public boolean waitFor(Duration timeout) throws InterruptedException {
        remember();
        try {
            root.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException("waiting for pid " + pid() + " failed", e);
        }
    }

    @Override
    public void terminate() {
        root.destroy(); // SIGTERM on Unix
    }

    @Override
    public void killTree() {
        remember();
        root.destroyForcibly();
        descendants.forEach(ProcessHandle::destroyForcibly);
    }

    /** Adds the descendants the process has now; nothing once it died (its children were re-parented). */
    void remember() {
        if (root.isAlive()) {
            root.descendants().forEach(descendants::add);
        }
    }
}
