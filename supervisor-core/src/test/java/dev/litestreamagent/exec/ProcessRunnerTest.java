package dev.litestreamagent.exec;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.litestreamagent.testing.TestBinary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessRunnerTest {
    private final ProcessRunner runner = new ProcessRunner(new SystemProcessLauncher());

    @TempDir
    Path dir;

    @Test
    void aRunThatFinishesReportsItsExitCodeAndOutput() throws Exception {
        RunResult result = runner.run(ProcessSpec.of(List.of("sh", "-c", "echo done; exit 4"), Output.captured()),
                Duration.ofSeconds(10));
        assertFalse(result.timedOut());
        assertEquals(4, result.exitCode());
        assertEquals("done\n", result.output());
    }

    @Test
    void aRunPastItsDeadlineIsKilledWithItsChildren() throws Exception {
        long started = System.nanoTime();
        RunResult result = runner.run(ProcessSpec.of(List.of("sh", "-c", "sleep 60 & echo $!; wait"), Output.captured()),
                Duration.ofMillis(500));
        assertTrue(result.timedOut());
        assertFalse(result.succeeded());
        assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(10), "the deadline was not kept");
        long grandchild = Long.parseLong(result.output().trim());
        await().atMost(Duration.ofSeconds(5)).until(() -> ProcessHandle.of(grandchild).isEmpty());
    }

    @Test
    void aChildThatIgnoresSigtermIsKilledWithItsChildrenAfterTheTimeout() throws Exception {
        ChildProcess child = new SystemProcessLauncher().launch(ProcessSpec.of(
                List.of("sh", "-c", "trap '' TERM; sleep 60 & wait"), Output.appendTo(dir.resolve("out.log"))));
        await().until(() -> ProcessHandle.of(child.pid()).orElseThrow().children().count() == 1);
        ProcessHandle sleep = ProcessHandle.of(child.pid()).orElseThrow().children().findFirst().orElseThrow();
        long[] told = {0};
        assertFalse(GracefulStop.stop(child, Duration.ofMillis(300), (pid, ignoredFor) -> told[0] = pid));
        assertEquals(child.pid(), told[0]);
        await().atMost(Duration.ofSeconds(5)).until(() -> !sleep.isAlive());
    }

    /**
     * SIGTERM to the JVM alone (a container's PID 1): a foreground child is stopped within the stop
     * timeout it was given (here 1 s after a 1 s grace), not a hard-coded one, and killed with its children.
     */
    @Test
    void aForegroundChildIsStoppedWithinTheGivenTimeoutWhenTheJvmIsTerminated() throws Exception {
        Path ready = dir.resolve("ready");
        Process jvm = new ProcessBuilder(TestBinary.java().toString(), "-cp", System.getProperty("java.class.path"),
                ForegroundMain.class.getName(), "1000", ready.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("jvm.log").toFile()).start();
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(ready));
            Thread.sleep(1000); // the child can be ready before its JVM registered the shutdown hook that stops it
            List<ProcessHandle> tree = jvm.descendants().collect(java.util.stream.Collectors.toList());
            assertFalse(tree.isEmpty());
            long signalled = System.nanoTime();
            jvm.destroy();
            assertTrue(jvm.waitFor(15, TimeUnit.SECONDS), "the JVM waited longer than its child's stop timeout");
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - signalled);
            assertTrue(ms >= 1900, "the child got no grace and stop timeout: " + ms + " ms\n" + Files.readString(dir.resolve("jvm.log")));
            await().atMost(Duration.ofSeconds(5)).until(() -> tree.stream().noneMatch(ProcessHandle::isAlive));
        } finally {
            jvm.destroyForcibly();
        }
    }

    /** A JVM that runs a child ignoring SIGTERM in the foreground: {@code ForegroundMain <stop timeout ms> <ready file>}. */
    public static final class ForegroundMain {
        public static void main(String[] args) throws Exception {
            new ProcessRunner(new SystemProcessLauncher()).runForeground(ProcessSpec.of(
                    List.of("sh", "-c", "trap '' TERM; sleep 60 & touch " + args[1] + "; wait"), Output.inherited()),
                    Duration.ofMillis(Long.parseLong(args[0])));
        }
    }
}
