package dev.litestreamagent.exec;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SystemProcessLauncherTest {
    private static final List<String> SLEEP = List.of("sleep", "30");

    @TempDir
    Path dir;

    private ChildProcess child;

    @AfterEach
    void killChild() throws Exception {
        if (child != null) {
            GracefulStop.kill(child);
        }
    }

    /** Signals aimed at the JVM's process group or terminal (Ctrl-C, kill -TERM -PGID) cannot reach such a child. */
    @Test
    void aChildInANewSessionHasItsOwnSessionAndGroupAndKeepsItsPid() throws Exception {
        child = new SystemProcessLauncher().launch(spec(SLEEP).withNewSession(true));

        // setsid execs in place: the pid stays the command's own (the pid file and orphan check rely on it)
        await().atMost(Duration.ofSeconds(5)).until(() -> CommandLines.of(child.pid()).equals(Optional.of(SLEEP)));
        Stat stat = Stat.of(child.pid());
        Stat jvm = Stat.of(ProcessHandle.current().pid());
        assertEquals(ProcessHandle.current().pid(), stat.parent, "setsid forked instead of exec'ing in place");
        assertNotEquals(jvm.session, stat.session);
        assertNotEquals(jvm.group, stat.group);
        assertEquals(child.pid(), stat.session, "the child leads its own session");
        assertEquals(child.pid(), stat.group, "the child leads its own process group");
    }

    /**
     * The watcher waits in 100 ms slices for hours, so it looks for descendants only now and then
     * once it knows some; a helper started later is still killed with the tree after the child died.
     */
    @Test
    void aDescendantStartedAfterTheFirstOneIsKilledWithTheTreeAfterTheChildDied() throws Exception {
        Path pids = dir.resolve("pids");
        child = new SystemProcessLauncher().launch(spec(List.of("sh", "-c",
                "sleep 61 & echo $! >> " + pids + "; sleep 0.3; sleep 62 & echo $! >> " + pids + "; sleep 2.5")));
        while (!child.waitFor(Duration.ofMillis(100))) {
            // the supervisor's wait loop
        }
        List<ProcessHandle> helpers = Files.readAllLines(pids).stream().map(Long::parseLong)
                .map(pid -> ProcessHandle.of(pid).orElseThrow()).collect(java.util.stream.Collectors.toList());
        assertEquals(2, helpers.size());
        child.killTree();
        await().atMost(Duration.ofSeconds(5)).until(() -> helpers.stream().noneMatch(ProcessHandle::isAlive));
    }

    /**
     * A remembered descendant's own child, started after the last look (Litestream's -exec shell
     * starting its tail), is killed with the tree after the child died: it was left behind.
     */
    @Test
    void aGrandchildStartedAfterTheLastLookIsKilledWithTheTree() throws Exception {
        Path pids = dir.resolve("pids");
        child = new SystemProcessLauncher().launch(spec(List.of("sh", "-c",
                "sh -c 'sleep 0.3; sleep 63 & echo $! >> " + pids + "; wait' & sleep 0.6")));
        while (!child.waitFor(Duration.ofMillis(100))) {
            // the supervisor's wait loop: it sees the inner shell at once, then looks again only every 10th slice
        }
        ProcessHandle grandchild = ProcessHandle.of(Long.parseLong(Files.readAllLines(pids).get(0).trim())).orElseThrow();
        child.killTree();
        await().atMost(Duration.ofSeconds(5)).until(() -> !grandchild.isAlive());
    }

    /** restore's log lines: on this JVM's stderr, every one of them by the time the child is seen to exit. */
    @Test
    void aLogOnlyChildsStdoutGoesToThisJvmsStderr() throws Exception {
        java.io.ByteArrayOutputStream stderr = new java.io.ByteArrayOutputStream();
        java.io.PrintStream original = System.err;
        System.setErr(new java.io.PrintStream(stderr, true, StandardCharsets.UTF_8));
        try {
            child = new SystemProcessLauncher().launch(ProcessSpec.of(List.of("sh", "-c", "seq 1 2000; echo done"),
                    Output.inheritedAsLog()));
            assertTrue(child.waitFor(Duration.ofSeconds(10)));
        } finally {
            System.setErr(original);
        }
        String copied = stderr.toString(StandardCharsets.UTF_8);
        assertTrue(copied.startsWith("1\n2\n") && copied.endsWith("2000\ndone\n"), copied);
    }

    @Test
    void byDefaultAChildSharesTheJvmsSessionAndGroup() throws Exception {
        child = new SystemProcessLauncher().launch(spec(SLEEP));
        assertSameSessionAsTheJvm(child);
    }

    @Test
    void withoutSetsidAChildThatAsksForANewSessionIsLaunchedAsUsual() throws Exception {
        child = new SystemProcessLauncher(Optional::empty).launch(spec(SLEEP).withNewSession(true));
        assertSameSessionAsTheJvm(child);
        assertEquals(Optional.of(SLEEP), CommandLines.of(child.pid()));
    }

    @Test
    void fileOutputIsAppendedWithStderrAndStdinIsEmpty() throws Exception {
        Path log = Files.writeString(dir.resolve("out.log"), "earlier run\n");
        child = new SystemProcessLauncher().launch(ProcessSpec.of(
                List.of("sh", "-c", "echo out; echo err >&2; cat; echo \"$EXTRA\" in \"$(pwd)\""), Output.appendTo(log))
                .withEnvironment(java.util.Map.of("EXTRA", "extra")).inDirectory(dir));
        assertTrue(child.waitFor(Duration.ofSeconds(10)));
        assertEquals("earlier run\nout\nerr\nextra in " + dir.toRealPath() + "\n", Files.readString(log));
    }

    @Test
    void capturedOutputKeepsTheLastBytesAndNeverBlocksTheChild() throws Exception {
        child = new SystemProcessLauncher().launch(ProcessSpec.of(List.of("seq", "1", "200000"), Output.captured(20)));
        assertTrue(child.waitFor(Duration.ofSeconds(10)), "the child blocked on a full pipe");
        assertEquals(0, child.exitCode());
        assertEquals("99998\n199999\n200000\n", child.output(), "the last 20 bytes");
    }

    private static void assertSameSessionAsTheJvm(ChildProcess process) throws Exception {
        Stat stat = Stat.of(process.pid());
        Stat jvm = Stat.of(ProcessHandle.current().pid());
        assertEquals(jvm.session, stat.session);
        assertEquals(jvm.group, stat.group);
    }

    private ProcessSpec spec(List<String> command) {
        return ProcessSpec.of(command, Output.appendTo(dir.resolve("child.log")));
    }

    /** The fields of /proc/PID/stat this test reads (after the command name, which may hold spaces). */
    private static final class Stat {
        final long parent;
        final long group;
        final long session;

        private Stat(String[] fields) {
            parent = Long.parseLong(fields[1]);
            group = Long.parseLong(fields[2]);
            session = Long.parseLong(fields[3]);
        }

        static Stat of(long pid) throws Exception {
            String stat = new String(Files.readAllBytes(Paths.get("/proc", Long.toString(pid), "stat")),
                    StandardCharsets.UTF_8);
            return new Stat(stat.substring(stat.lastIndexOf(')') + 2).split(" "));
        }
    }
}
