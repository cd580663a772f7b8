package dev.litestreamagent.supervisor;

import dev.litestreamagent.exec.ChildProcess;
import dev.litestreamagent.exec.ProcessLauncher;
import dev.litestreamagent.exec.ProcessSpec;
import dev.litestreamagent.testing.FakeClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Children that exit as scripted (after an uptime on the fake clock, with an exit code); once the
 * script is used up, children run until terminated and then exit 0.
 */
final class FakeLauncher implements ProcessLauncher {
    private final FakeClock clock;
    private final Queue<long[]> script = new ArrayDeque<>();
    final List<FakeChild> children = new CopyOnWriteArrayList<>();
    /** Children launched while set end only when killed, as Litestream 0.3.13 syncing to a broken file replica. */
    volatile boolean ignoreSigterm;

    FakeLauncher(FakeClock clock) {
        this.clock = clock;
    }

    /** The next child runs {@code uptime} (fake time) and exits with {@code exitCode}. */
    synchronized FakeLauncher thenExit(Duration uptime, int exitCode) {
        script.add(new long[] {uptime.toNanos(), exitCode});
        return this;
    }

    synchronized FakeLauncher thenExitTimes(int times, Duration uptime, int exitCode) {
        for (int i = 0; i < times; i++) {
            thenExit(uptime, exitCode);
        }
        return this;
    }

    @Override
    public synchronized ChildProcess launch(ProcessSpec spec) {
        long[] next = script.poll();
        FakeChild child = new FakeChild(children.size() + 1000, next, spec.output().file(), ignoreSigterm);
        children.add(child);
        return child;
    }

    final class FakeChild implements ChildProcess {
        private final long pid;
        private final long[] scripted;
        private final Path output;
        private final boolean ignoresSigterm;
        private final CountDownLatch exited = new CountDownLatch(1);
        volatile boolean terminated;
        /** When terminate() was first called (System.nanoTime, as Attempt's open waits use). */
        volatile long terminatedAtNanos;
        volatile boolean killed;
        private volatile int exitCode;

        FakeChild(long pid, long[] scripted, Path output, boolean ignoresSigterm) {
            this.pid = pid;
            this.scripted = scripted;
            this.output = output;
            this.ignoresSigterm = ignoresSigterm;
        }

        /** Writes a line of output, as Litestream would. */
        void print(String line) throws java.io.IOException {
            java.nio.file.Files.writeString(output, line + "\n", java.nio.file.StandardOpenOption.APPEND);
        }

        @Override
        public long pid() {
            return pid;
        }

        @Override
        public boolean waitFor(Duration timeout) throws InterruptedException {
            if (scripted != null && exited.getCount() > 0) {
                clock.advance(Duration.ofNanos(scripted[0]));
                exitCode = (int) scripted[1];
                exited.countDown();
            }
            return exited.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }

        @Override
        public int exitCode() {
            return exitCode;
        }

        @Override
        public java.util.Optional<java.util.Set<Path>> openFiles() {
            return java.util.Optional.empty();
        }

        @Override
        public void terminate() {
            if (!terminated) {
                terminatedAtNanos = System.nanoTime();
            }
            terminated = true;
            if (!ignoresSigterm) {
                exitCode = 0;
                exited.countDown();
            }
        }

        @Override
        public void killTree() {
            if (exited.getCount() > 0) { // the kill of the tree after an exit finds it gone
                killed = true;
                exitCode = 137;
            }
            exited.countDown();
        }
    }
}
