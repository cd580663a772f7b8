package dev.litestreamagent.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.litestreamagent.testing.Harness;
import dev.litestreamagent.testing.LitestreamHarness;
import dev.litestreamagent.testing.Soak;
import dev.litestreamagent.testing.TestBinary;
import java.io.File;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An application exits while its replica is unreachable (a file replica whose directory became a
 * plain file, S3 down), with resync restarts under way around the exit: Litestream's final sync
 * fails, the exit stays bounded by the stop timeout, an ERROR names the database whose last rows
 * stay local, and no Litestream (nor its {@code -exec} child) outlives the application.
 */
@ExtendWith(LitestreamHarness.class)
class UnreachableReplicaExitIT {
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(3);
    /**
     * The longest exit: a resync restart's stop under way (stop timeout, kill), then a Litestream
     * for the final sync (start grace, stop timeout, kill), plus the JVM's own start and exit.
     */
    private static final Duration EXIT_BOUND = Duration.ofSeconds(20);
    /** Resync restarts every second or two while the replica is down, so that the exit meets them. */
    private static final List<String> FAST_RESYNC = List.of(
            "litestream.stop-timeout=" + STOP_TIMEOUT.toSeconds() + "s",
            "litestream.resync.quiet-period=300ms",
            "litestream.resync.max-wait=1s",
            "litestream.resync.stall-timeout=1s",
            "litestream.verify.interval=1s"); // verifications (litestream restore) under way at the exit too

    @Test
    void noLitestreamOutlivesAnApplicationThatExitsWhileItsFileReplicaIsBroken(Harness harness) throws Exception {
        int runs = Soak.repeats(3, 20);
        for (int run = 0; run < runs; run++) {
            Path dir = Files.createDirectories(harness.tempDir().resolve("file-" + run));
            exitWithReplicaDown(harness, ReplicaKind.FILE, dir, run, () -> {
                Path replica = dir.resolve("replica");
                Files.move(replica, dir.resolve("replica-moved"));
                Files.writeString(replica, "not a directory");
            });
        }
    }

    @Test
    void noLitestreamOutlivesAnApplicationThatExitsWhileS3IsDown(Harness harness) throws Exception {
        int runs = Soak.repeats(2, 10);
        for (int run = 0; run < runs; run++) {
            Path dir = Files.createDirectories(harness.tempDir().resolve("s3-" + run));
            try {
                exitWithReplicaDown(harness, ReplicaKind.S3, dir, run, harness.s3()::pause);
            } finally {
                harness.s3().resume();
            }
        }
    }

    private interface Fault {
        void inject() throws Exception;
    }

    /**
     * One run: the application writes, the replica goes away, it writes more (Litestream's syncs
     * fail, resync restarts follow), waits a different while each run, and exits.
     */
    private static void exitWithReplicaDown(Harness harness, ReplicaKind kind, Path dir, int run, Fault fault)
            throws Exception {
        Path db = dir.resolve("app.db");
        Path properties = dir.resolve("litestream.properties");
        List<String> lines = new ArrayList<>(List.of(
                "litestream.bin-path=" + harness.binary(),
                "litestream.dbs.app.url=jdbc:sqlite:" + db));
        lines.addAll(kind.properties(harness, dir, "litestream.dbs.app.replica."));
        lines.addAll(FAST_RESYNC);
        Files.write(properties, lines, StandardCharsets.UTF_8);
        Path log = dir.resolve("app.log");
        Process app = new ProcessBuilder(TestBinary.java().toString(),
                "-javaagent:" + AgentProcess.agentJar() + "=config=" + properties,
                "-cp", codeSource(LockHoldingApp.class) + File.pathSeparator + codeSource(org.sqlite.JDBC.class),
                LockHoldingApp.class.getName(), db.toString(), "app")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Descendants descendants = new Descendants(app.toHandle());
        descendants.start();
        long exitAsked;
        try (Writer stdin = app.outputWriter(StandardCharsets.UTF_8)) {
            awaitLine(log, ": RUNNING", app);
            Thread.sleep(1500); // its first sync: the replica exists
            fault.inject();
            for (int i = 0; i < 3; i++) {
                ask(stdin, "write", log, app);
                Thread.sleep(400);
            }
            Thread.sleep(run * 700L % 2500); // the exit lands at another point of the resync restarts each run
            exitAsked = System.nanoTime();
            stdin.write("exit\n");
        }
        assertTrue(app.waitFor(60, TimeUnit.SECONDS), "the application exits:\n" + Files.readString(log));
        Duration exit = Duration.ofNanos(System.nanoTime() - exitAsked);
        boolean replicatorAtExit = !LitestreamProcesses.replicating(db).isEmpty(); // ScheduledVerificationIT's check
        descendants.stopSampling();
        List<ProcessHandle> left = descendants.aliveAfter(STOP_TIMEOUT.plusSeconds(2));
        String output = Files.readString(log);
        System.out.printf("%s run %d: the application exited %d ms after 'exit', %d planned restart(s) logged%n",
                kind, run, exit.toMillis(), output.split("restarting it gracefully|Resync restart|neither finished nor failed", -1).length - 1);
        assertEquals(List.of(), describe(left), "Litestream (or its -exec child) outlived the application by "
                + STOP_TIMEOUT.plusSeconds(2).toMillis() + " ms (" + kind + " run " + run + "):\n" + output);
        assertTrue(descendants.sawLitestream(), "Litestream ran under the application:\n" + output);
        assertTrue(exit.compareTo(EXIT_BOUND) < 0, "exit took " + exit.toMillis() + " ms:\n" + output);
        assertTrue(output.contains("ERROR Supervisor - ") && output.contains("stay only in the local file of [" + db),
                "an ERROR names the database whose last rows are only local:\n" + output);
        assertTrue(!replicatorAtExit, "a replicator outlived the application:\n" + output);
    }

    /** Every process below the application seen while it ran (Litestream, its -exec shell, tail). */
    private static final class Descendants extends Thread {
        private final ProcessHandle app;
        private final Map<ProcessHandle, String> seen = new ConcurrentHashMap<>();
        private volatile boolean running = true;

        Descendants(ProcessHandle app) {
            super("descendants-of-" + app.pid());
            this.app = app;
            setDaemon(true);
        }

        @Override
        public void run() {
            while (running) {
                // Every command line a process shows: one sampled between its spawn and its exec shows the JVM's
                // spawn helper (seen on a loaded CI machine), and only the next sample shows Litestream.
                app.descendants().forEach(p -> seen.merge(p, p.info().commandLine().orElse("?"),
                        (was, now) -> was.endsWith(now) ? was : was + " then " + now));
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        void stopSampling() throws InterruptedException {
            running = false;
            join();
        }

        boolean sawLitestream() {
            return seen.values().stream().anyMatch(command -> command.contains("litestream replicate"));
        }

        /** Those still alive after {@code grace}, which each had to end within. */
        List<ProcessHandle> aliveAfter(Duration grace) throws InterruptedException {
            long deadline = System.nanoTime() + grace.toNanos();
            while (System.nanoTime() < deadline && seen.keySet().stream().anyMatch(ProcessHandle::isAlive)) {
                Thread.sleep(50);
            }
            return seen.keySet().stream().filter(ProcessHandle::isAlive).collect(Collectors.toList());
        }
    }

    private static List<String> describe(List<ProcessHandle> processes) {
        return processes.stream().map(p -> p.pid() + " " + p.info().commandLine().orElse("?")).collect(Collectors.toList());
    }

    private static void ask(Writer stdin, String command, Path log, Process app) throws Exception {
        long before = count(log, "WROTE");
        stdin.write(command + "\n");
        stdin.flush();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (count(log, "WROTE") <= before) {
            assertTrue(System.nanoTime() < deadline && app.isAlive(), "no answer to " + command + ":\n" + Files.readString(log));
            Thread.sleep(20);
        }
    }

    private static void awaitLine(Path log, String text, Process app) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.readString(log).contains(text)) {
            assertTrue(System.nanoTime() < deadline && app.isAlive(), "no '" + text + "':\n" + Files.readString(log));
            Thread.sleep(50);
        }
    }

    private static long count(Path log, String prefix) throws Exception {
        return Files.readAllLines(log).stream().filter(l -> l.startsWith(prefix)).count();
    }

    private static String codeSource(Class<?> type) throws Exception {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }
}
