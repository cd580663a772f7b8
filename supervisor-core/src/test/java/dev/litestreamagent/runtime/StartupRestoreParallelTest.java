package dev.litestreamagent.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.litestreamagent.config.AgentConfig;
import dev.litestreamagent.config.ConfigInput;
import dev.litestreamagent.config.ConfigLoader;
import dev.litestreamagent.exec.ChildProcess;
import dev.litestreamagent.exec.ProcessLauncher;
import dev.litestreamagent.exec.ProcessSpec;
import dev.litestreamagent.replica.ReplicaProbe;
import dev.litestreamagent.testing.TestBinary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How restore on start runs its restores, with stand-in restore processes: 20 at most 8 at a time,
 * seen by their overlap rather than by a clock; none at all when no replica holds anything.
 */
class StartupRestoreParallelTest {
    private static final int DATABASES = 20;

    @TempDir
    Path dir;

    private AgentConfig config(boolean replicasWritten) throws Exception {
        Map<String, String> props = new HashMap<>();
        props.put("litestream.bin-path", TestBinary.litestream().toString());
        props.put("litestream.restore-on-start", "true");
        for (int i = 0; i < DATABASES; i++) {
            Path replica = dir.resolve("replicas/db" + i);
            if (replicasWritten) {
                Files.createDirectories(replica.resolve("generations/0123456789abcdef"));
            }
            props.put("litestream.dbs.db" + i + ".path", dir.resolve("db" + i + ".db").toString());
            props.put("litestream.dbs.db" + i + ".replica.type", "file");
            props.put("litestream.dbs.db" + i + ".replica.path", replica.toString());
        }
        return ConfigLoader.load(ConfigInput.of(null, props, Map.of(), dir, null));
    }

    @Test
    void restoresRunEightAtATime() throws Exception {
        AgentConfig config = config(true);
        OverlapRecorder restores = new OverlapRecorder(8);

        new StartupRestore(config, () -> LitestreamSetup.prepare(config), restores, new ReplicaProbe(Map.of()), Map.of()).run();

        assertEquals(8, restores.mostAtOnce.get(), "restores running at the same time");
        assertEquals(DATABASES, restores.launched.get());
        for (int i = 0; i < DATABASES; i++) {
            assertTrue(Files.exists(dir.resolve("db" + i + ".db")), "db" + i + " restored");
        }
    }

    @Test
    void restoresRunWithGosCollectorHeldOffUnlessTheOperatorTunedIt() throws Exception {
        AgentConfig config = config(true);
        OverlapRecorder restores = new OverlapRecorder(8);

        new StartupRestore(config, () -> LitestreamSetup.prepare(config), restores, new ReplicaProbe(Map.of()), Map.of()).run();

        assertEquals(Map.of("GOGC", "off", "GOMEMLIMIT", "64MiB"), restores.goSettings, "the restores' Go settings");

        for (int i = 0; i < DATABASES; i++) {
            Files.delete(dir.resolve("db" + i + ".db"));
        }
        OverlapRecorder tuned = new OverlapRecorder(8);
        new StartupRestore(config, () -> LitestreamSetup.prepare(config), tuned, new ReplicaProbe(Map.of()),
                Map.of("GOGC", "50")).run();

        assertEquals(Map.of(), tuned.goSettings, "added to the inherited GOGC=50");
    }

    @Test
    void aFirstDeploySpawnsNoLitestreamAtAll() throws Exception {
        AgentConfig config = config(false);
        OverlapRecorder restores = new OverlapRecorder(1);
        AtomicInteger prepared = new AtomicInteger();

        new StartupRestore(config, () -> {
            prepared.incrementAndGet();
            return LitestreamSetup.prepare(config);
        }, restores, new ReplicaProbe(Map.of())).run();

        assertEquals(0, restores.launched.get(), "restores launched");
        assertEquals(0, prepared.get(), "binary looked up and its version asked");
        assertFalse(Files.exists(dir.resolve("db0.db")), "the application creates it");
    }

    /**
     * Stand-in {@code litestream restore} processes: each holds until {@code expected} run at once (or a
     * shared 20 s have passed, so a serial run fails rather than hangs), then writes its {@code -o} file.
     */
    private static final class OverlapRecorder implements ProcessLauncher {
        final AtomicInteger launched = new AtomicInteger();
        final AtomicInteger mostAtOnce = new AtomicInteger();
        /** GOGC and GOMEMLIMIT as the last launch was given them. */
        volatile Map<String, String> goSettings = Map.of();
        private final AtomicInteger running = new AtomicInteger();
        private final CountDownLatch enoughAtOnce;
        private final long giveUpAt = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);

        OverlapRecorder(int expected) {
            enoughAtOnce = new CountDownLatch(expected);
        }

        @Override
        public ChildProcess launch(ProcessSpec spec) {
            launched.incrementAndGet();
            mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
            enoughAtOnce.countDown();
            Map<String, String> go = new HashMap<>(spec.environment());
            go.keySet().retainAll(Set.of("GOGC", "GOMEMLIMIT"));
            goSettings = go;
            List<String> command = spec.command();
            return new StandIn(Path.of(command.get(command.indexOf("-o") + 1)));
        }

        private final class StandIn implements ChildProcess {
            private final Path output;

            StandIn(Path output) {
                this.output = output;
            }

            @Override
            public boolean waitFor(Duration timeout) throws InterruptedException {
                enoughAtOnce.await(Math.max(0, giveUpAt - System.nanoTime()), TimeUnit.NANOSECONDS);
                try {
                    Files.createFile(output);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
                running.decrementAndGet();
                return true;
            }

            @Override
            public int exitCode() {
                return 0;
            }

            @Override
            public long pid() {
                return -1;
            }

            @Override
            public void terminate() {
            }

            @Override
            public void killTree() {
            }

            @Override
            public Optional<Set<Path>> openFiles() {
                return Optional.empty();
            }
        }
    }
}
