package dev.litestreamagent.exec;

import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A process and every descendant seen while it ran, so that they can be killed together even
 * after it died and they were re-parented. {@link ProcessHandle} checks the start time, so a
 * reused pid is never hit.
 */
public final class ProcessTree implements Stoppable {
    /**
     * Once descendants are known, waits look for new ones only every this many calls: a look reads
     * every process's /proc entry, and the supervisor waits in 100 ms slices for hours.
     */
    private static final int LOOK_EVERY = 10;

    private final ProcessHandle root;
    private final Set<ProcessHandle> descendants = ConcurrentHashMap.newKeySet();
    private final AtomicInteger waits = new AtomicInteger();

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
        rememberWhileWaiting();
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

    /**
     * Kills it and every descendant remembered, with their own descendants now: between two looks a
     * remembered one can have started a child (Litestream's {@code -exec} shell its tail), which
     * stays its child after the root died.
     */
    @Override
    public void killTree() {
        remember();
        Set<ProcessHandle> all = new HashSet<>(descendants);
        for (ProcessHandle known : descendants) {
            known.descendants().forEach(all::add);
        }
        root.destroyForcibly();
        all.forEach(ProcessHandle::destroyForcibly);
    }

    /** {@link #remember()} for a wait slice: at every one until a descendant is seen, then every {@value #LOOK_EVERY}th. */
    void rememberWhileWaiting() {
        if (descendants.isEmpty() || waits.incrementAndGet() % LOOK_EVERY == 0) {
            remember();
        }
    }

    /** Adds the descendants the process has now; nothing once it died (its children were re-parented). */
    void remember() {
        if (root.isAlive()) {
            root.descendants().forEach(descendants::add);
        }
    }
}
