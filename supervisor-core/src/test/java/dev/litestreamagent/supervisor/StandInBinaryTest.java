package dev.litestreamagent.supervisor;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import dev.litestreamagent.testing.LogCapture;
import dev.litestreamagent.testing.TestBinary;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Faults the real binary cannot be made to show on demand, injected with tiny bash stand-ins. */
class StandInBinaryTest {
    @TempDir
    Path dir;

    private Path script(String body) throws Exception {
        Path script = dir.resolve("litestream-standin");
        Files.write(script, ("#!/bin/bash\n" + body + "\n").getBytes(StandardCharsets.UTF_8));
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }

    private SupervisorSettings.Builder settings(Path binary) {
        return SupervisorSettings.builder().name("standin-" + dir.getFileName()).binary(binary)
                .configFile(dir.resolve("unused.yml")).databases(List.of(dir.resolve("app.db")))
                .stopTimeout(Duration.ofSeconds(1)).startGrace(Duration.ofSeconds(2))
                .logMarkers(TestBinary.LOG_MARKERS);
    }

    @Test
    void aBinaryThatExitsAtOnceIsRestartedWithGrowingDelaysAndOneCrashLoopError() throws Exception {
        Path binary = script("echo \"boom: cannot open config\"\nexit 3");
        RestartPolicy policy = RestartPolicy.builder().initialDelay(Duration.ofMillis(50)).multiplier(2)
                .maxDelay(Duration.ofMillis(200)).jitter(0).minUptime(Duration.ofSeconds(5)).crashLoopCount(4)
                .crashLoopWindow(Duration.ofSeconds(30)).build();
        try (LogCapture log = LogCapture.supervisor();
                Supervisor supervisor = Supervisor.create(settings(binary).restartPolicy(policy).build())) {
            supervisor.start();
            await().atMost(Duration.ofSeconds(20)).until(() -> supervisor.status().restartCount() >= 8);
            List<String> restarts = log.messages(Level.WARN).stream().filter(m -> m.contains("restarting in"))
                    .map(m -> m.substring(m.indexOf("restarting in"))).limit(6).collect(Collectors.toList());
            assertEquals(List.of("restarting in 50 ms", "restarting in 100 ms", "restarting in 200 ms",
                    "restarting in 200 ms", "restarting in 200 ms", "restarting in 200 ms"), restarts);
            List<String> errors = log.messages(Level.ERROR);
            assertEquals(1, errors.size(), errors.toString());
            assertTrue(errors.get(0).contains("last exit code 3"), errors.get(0));
            assertTrue(errors.get(0).contains("boom: cannot open config"), errors.get(0));
            assertEquals(3, supervisor.status().lastExitCode().getAsInt());
        }
    }

    @Test
    void aBinaryThatIgnoresSigtermIsKilledWithItsChildrenAfterTheStopTimeout() throws Exception {
        Path binary = script("trap 'echo got SIGTERM, ignoring it' TERM\necho 'initialized db'\n"
                + "while true; do sleep 0.1; done");
        Supervisor supervisor = Supervisor.create(settings(binary).build());
        supervisor.start();
        await().until(() -> supervisor.status().state() == SupervisorState.RUNNING);
        ProcessHandle child = ProcessHandle.of(supervisor.status().pid().getAsLong()).orElseThrow();
        try (LogCapture log = LogCapture.supervisor()) {
            supervisor.stop();
            assertFalse(child.isAlive(), "the stand-in still runs after stop()");
            assertTrue(log.messages(Level.WARN).stream().anyMatch(m -> m.contains("did not stop within 1000 ms")),
                    log.messages(Level.WARN).toString());
        }
        assertTrue(supervisor.status().lastOutputLines().stream().anyMatch(l -> l.contains("got SIGTERM")),
                "SIGTERM was not sent first: " + supervisor.status().lastOutputLines());
        await().atMost(Duration.ofSeconds(2)).until(() -> child.descendants().count() == 0
                && ProcessHandle.allProcesses().noneMatch(p -> p.info().arguments()
                        .map(a -> List.of(a).contains("0.1") && p.parent().isEmpty()).orElse(false)));
        assertEquals(SupervisorState.STOPPED, supervisor.status().state());
    }

    @Test
    void aFloodOfOutputBlocksNeitherTheChildNorGrowsTheHeapOrTheLogFile() throws Exception {
        String pad = "x".repeat(300);
        Path binary = script("echo 'initialized db'\nsleep 0.3\ni=0\nwhile true; do i=$((i+1)); "
                + "echo \"{\\\"level\\\":\\\"DEBUG\\\",\\\"msg\\\":\\\"flood $i " + pad + "\\\"}\"; done");
        long maxLog = 256 * 1024;
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        try (Supervisor supervisor = Supervisor.create(settings(binary).maxLogBytes(maxLog).build())) {
            supervisor.start();
            await().until(() -> lastFloodNumber(supervisor) > 1000);
            System.gc();
            long heapBefore = memory.getHeapMemoryUsage().getUsed();
            long seen = lastFloodNumber(supervisor);
            long maxLogSize = 0;
            long watched = System.nanoTime();
            // At least 3 s of flood, and until 1000 more lines came through: a loaded machine (CI) is slow, not stuck.
            while (System.nanoTime() - watched < 60_000_000_000L && (System.nanoTime() - watched < 3_000_000_000L
                    || lastFloodNumber(supervisor) <= seen + 1000)) {
                Thread.sleep(100);
                maxLogSize = Math.max(maxLogSize, Files.size(dir.resolve(".app.db-litestream-agent/litestream.log")));
            }
            assertTrue(lastFloodNumber(supervisor) > seen + 1000, "the flooding child made no progress in 60 s: it is"
                    + " blocked (last line number " + lastFloodNumber(supervisor) + ", " + seen + " before)");
            System.gc();
            long heapGrowth = memory.getHeapMemoryUsage().getUsed() - heapBefore;
            assertTrue(heapGrowth < 32L * 1024 * 1024, "heap grew by " + heapGrowth + " bytes");
            assertTrue(maxLogSize < 64L * 1024 * 1024, "log file reached " + maxLogSize + " bytes");
            assertEquals(50, supervisor.status().lastOutputLines().size());
            assertEquals(SupervisorState.RUNNING, supervisor.status().state());
        }
    }

    /**
     * Issue 17 (11): a Litestream flooding its output for longer than a throttle window. The application's log
     * gets at most 200 of its lines per 10 s and a "N lines suppressed" note; litestream.log stays near its
     * bound while the flood goes on (it reached 1.7 GiB against 10 MiB).
     */
    @Test
    void aLongFloodIsThrottledInTheApplicationsLogAndTheLogFileStaysBounded() throws Exception {
        Path binary = script("echo 'initialized db'\ni=0\nwhile true; do i=$((i+1)); echo \"flood $i " + "y".repeat(200)
                + "\"; done");
        long maxLog = 256 * 1024;
        Path logFile = dir.resolve(".app.db-litestream-agent/litestream.log");
        try (LogCapture output = new LogCapture("dev.litestreamagent.litestream");
                LogCapture log = LogCapture.supervisor();
                Supervisor supervisor = Supervisor.create(settings(binary).maxLogBytes(maxLog).build())) {
            supervisor.start();
            long started = System.nanoTime();
            long maxLogSize = 0;
            // At least 12 s, until the first window's note (a loaded machine starts the flood late), 40 s at most.
            while (System.nanoTime() - started < 40_000_000_000L
                    && (System.nanoTime() - started < 12_000_000_000L || suppressedNotes(log).isEmpty())) {
                Thread.sleep(20);
                maxLogSize = Math.max(maxLogSize, Files.size(logFile));
            }
            long windows = 1 + (System.nanoTime() - started) / 10_000_000_000L;
            assertTrue(lastFloodNumber(supervisor) > 10_000, "the flood did not flow: " + lastFloodNumber(supervisor));
            long written = lastFloodNumber(supervisor) * 210; // bytes per line
            // The bound holds up to what the flood writes while the follower does not run (a loaded machine):
            // 16 times it here, against a file that grew by all of the flood before.
            assertTrue(maxLogSize <= 16 * maxLog, "litestream.log reached " + maxLogSize + " bytes, bound " + maxLog
                    + ", flood " + written + " bytes");
            long relayed = output.messages(Level.INFO).stream().filter(m -> m.startsWith("flood ")).count();
            assertTrue(relayed >= 200 && relayed <= 200 * windows, relayed + " flood lines reached the application's log"
                    + " in " + windows + " windows of 10 s");
            assertFalse(suppressedNotes(log).isEmpty(), log.messages(Level.WARN).toString());
        }
    }

    private static List<String> suppressedNotes(LogCapture log) {
        return log.messages(Level.WARN).stream()
                .filter(m -> m.matches("\\d+ lines of Litestream's output suppressed: more than 200 in 10 s.*"))
                .collect(Collectors.toList());
    }

    /** Issue 17 (7): Litestream prints endpoints as configured; a password in them is masked before it is relayed. */
    @Test
    void secretsInLitestreamsOutputAreMaskedInTheLogAndTheLastLines() throws Exception {
        Path binary = script("echo 'initialized db'\necho 'level=INFO msg=\"replicating\" endpoint=http://admin:EP-PW-7@minio:9000"
                + " token=TOKEN-VALUE-7'\nsleep 30");
        try (LogCapture output = new LogCapture("dev.litestreamagent.litestream");
                Supervisor supervisor = Supervisor.create(settings(binary)
                        .outputMask(dev.litestreamagent.secrets.SecretMask.of(List.of("TOKEN-VALUE-7"))).build())) {
            supervisor.start();
            await().until(() -> supervisor.status().lastOutputLines().size() >= 2);
            String shown = supervisor.status().lastOutputLines() + " " + output.messages(Level.INFO);
            assertFalse(shown.contains("EP-PW-7") || shown.contains("TOKEN-VALUE-7"), shown);
            assertTrue(shown.contains("endpoint=http://admin:****@minio:9000"), shown);
        }
    }

    private static long lastFloodNumber(Supervisor supervisor) {
        List<String> lines = supervisor.status().lastOutputLines();
        for (int i = lines.size() - 1; i >= 0; i--) {
            String[] words = lines.get(i).split(" ");
            if (words.length > 2 && words[1].equals("flood")) {
                return Long.parseLong(words[2]);
            }
        }
        return 0;
    }
}
