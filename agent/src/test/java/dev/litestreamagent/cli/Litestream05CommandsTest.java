package dev.litestreamagent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.litestreamagent.supervisor.Clock;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Litestream 0.5's commands as handed to the binary (no 0.5 binary can be fetched here): aliases
 * resolved, flags from 0.5's flag sets (cmd/litestream/*.go) in any order, -config only for the
 * commands that read a config file; on 0.3 each is refused naming the versions that have it.
 */
class Litestream05CommandsTest {
    private static final String BIN = "/opt/litestream/bin/litestream";
    private static final String APP = "/srv/app/data/app.db";

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final RecordingLauncher launcher = new RecordingLauncher();

    private int run(String version, String... args) {
        return new Cli(() -> new FakeContext(version), launcher, Clock.SYSTEM, () -> {
            throw new AssertionError("verify is not under test here");
        }, new PrintStream(new ByteArrayOutputStream(), true), new PrintStream(err, true)).run(args);
    }

    private List<String> handed(String... args) {
        assertEquals(0, run("0.5.9", args), err.toString(StandardCharsets.UTF_8));
        return launcher.lastArgs();
    }

    private static List<String> line(String... args) {
        List<String> line = new ArrayList<>(List.of(BIN));
        line.addAll(List.of(args));
        return line;
    }

    @Test
    void commandsThatReadTheConfigGetItAndTheDatabasePath() {
        assertEquals(line("status", "-config", "CONFIG"), handed("litestream-status"));
        assertEquals(line("status", "-config", "CONFIG", "-json", APP), handed("litestream-status", "default", "-json"));
        assertEquals(line("reset", "-config", "CONFIG", "-dry-run", APP), handed("reset", "default", "-dry-run"));
        assertEquals(line("ltx", "-config", "CONFIG", "-level", "2", APP), handed("ltx", "-level", "2", "default"));
        assertEquals(line("ltx", "-config", "CONFIG", "-level", "all", APP), handed("ltx", "default", "-level", "all"));
    }

    @Test
    void daemonCommandsTalkToTheControlSocketWithoutConfig() {
        assertEquals(line("sync", "-wait", "-timeout", "10", APP), handed("sync", "default", "-wait", "-timeout", "10"));
        assertEquals(line("info", "-socket", "/run/ls.sock"), handed("info", "-socket", "/run/ls.sock"));
        assertEquals(line("list", "-timeout", "5"), handed("list", "-timeout", "5"));
        assertEquals(line("register", "-replica", "s3://bucket/app", "-json", APP),
                handed("register", "default", "-replica", "s3://bucket/app", "-json"));
        assertEquals(line("unregister", "-socket", "/run/ls.sock", APP), handed("unregister", "-socket", "/run/ls.sock",
                "default"));
        assertEquals(line("start", "-json", APP), handed("start", "-json", "default"));
        assertEquals(line("stop", "-timeout", "60", APP), handed("stop", "default", "-timeout", "60"));
    }

    @Test
    void everyNewCommandIsRefusedOn03NamingTheVersion() {
        for (String command : List.of("litestream-status", "reset", "sync", "info", "list", "register", "unregister",
                "start", "stop")) {
            err.reset();
            assertEquals(2, run("v0.3.13", command, "default"), command);
            assertTrue(err.toString(StandardCharsets.UTF_8).contains(command
                    + ": exists in Litestream 0.5 and later; the installed Litestream is v0.3.13"), err.toString());
        }
        assertEquals(List.of(), launcher.commands);
    }

    @Test
    void wrongArgumentCountsAreRefusedBeforeLitestreamRuns() {
        assertEquals(2, run("0.5.9", "sync"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("sync: expected one database argument"), err.toString());
        assertEquals(2, run("0.5.9", "info", "default"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("info: takes no arguments besides flags; seen \"default\""),
                err.toString());
        assertEquals(2, run("0.5.9", "litestream-status", "default", "cache"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("expected at most one database argument"), err.toString());
        assertEquals(List.of(), launcher.commands);
    }
}
