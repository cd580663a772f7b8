package dev.litestreamagent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.litestreamagent.config.ConfigInput;
import dev.litestreamagent.exec.ProcessLauncher;
import dev.litestreamagent.exec.SystemProcessLauncher;
import dev.litestreamagent.supervisor.Clock;
import dev.litestreamagent.testing.Sqlite;
import dev.litestreamagent.testing.TestBinary;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code litestream.exec} and directory entries through the real configuration loader and the real
 * Litestream v0.3.13.
 */
class ExecAndDirectoryCliTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(ProcessLauncher launcher, String... args) {
        return run(Map.of("litestream.bin-path", TestBinary.litestream().toString()), launcher, args);
    }

    private int run(Map<String, String> binary, ProcessLauncher launcher, String... args) {
        return new Cli(() -> ConfigCliContext.load(ConfigInput.of(null, binary, Map.of(), dir, null)), launcher,
                Clock.SYSTEM, () -> {
                    throw new AssertionError("verify is not under test here");
                }, new PrintStream(out, true), new PrintStream(err, true)).run(args);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void replicateRunsTheConfiguredExecEndsWithItAndHasReplicated() throws Exception {
        Path db = Sqlite.create(dir.resolve("app.db"));
        Sqlite.insert(db, 1, 20);
        Path seenEnvironment = dir.resolve("exec-environment.txt");
        Files.writeString(dir.resolve("litestream.properties"), "litestream.exec=sh -c \"env > " + seenEnvironment
                + "; sleep 2\"\nlitestream.dbs.default.path=app.db\nlitestream.dbs.default.monitor-interval=100ms\n"
                + "litestream.dbs.default.replica.type=file\nlitestream.dbs.default.replica.path=replica\n"
                + "litestream.dbs.default.replica.sync-interval=100ms\n");

        long started = System.nanoTime();
        assertEquals(0, run(new SystemProcessLauncher(), "replicate"), err());
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertTrue(took.compareTo(Duration.ofSeconds(2)) >= 0 && took.compareTo(Duration.ofSeconds(30)) < 0,
                "replicate ends with its exec command, which sleeps 2 s: took " + took);
        String environment = Files.readString(seenEnvironment);
        assertFalse(environment.contains("LSA_SECRET"), "the command starts without the secret variables: " + environment);

        Path copy = dir.resolve("copy.db");
        assertEquals(0, run(new SystemProcessLauncher(), "restore", "-o", copy.toString(), "default"), err());
        assertEquals(20, Sqlite.count(copy), "the rows replicated before the command ended");
    }

    @Test
    void replicateWithA05BinaryReplicatesADirectoryEntryAlone() throws Exception {
        Path fake = dir.resolve("litestream");
        Files.writeString(fake, "#!/bin/sh\necho v0.5.16\n");
        fake.toFile().setExecutable(true);
        Files.writeString(dir.resolve("litestream.properties"), "litestream.dbs.tenants.dir=tenants\n"
                + "litestream.dbs.tenants.pattern=*.db\nlitestream.dbs.tenants.watch=true\n"
                + "litestream.dbs.tenants.replica.type=file\nlitestream.dbs.tenants.replica.path=replica\n");
        Map<String, String> binary = Map.of("litestream.bin-path", fake.toString(),
                "litestream.cache-dir", dir.resolve("cache").toString());
        RecordingLauncher launcher = new RecordingLauncher();

        assertEquals(0, run(binary, launcher, "replicate"), err());
        assertEquals(List.of(fake.toString(), "replicate", "-config", "CONFIG"), launcher.lastArgs());
        assertTrue(launcher.configContents.get(0).contains("dbs:\n  - dir: " + dir.resolve("tenants")
                + "\n    pattern: '*.db'\n    watch: true\n    replica:\n"), launcher.configContents.get(0));
    }

    @Test
    void aDirectoryEntryIsRefusedByA03BinaryAndByEveryPerFileCommandNamingTheAlias() throws Exception {
        Files.createDirectories(dir.resolve("tenants"));
        Files.writeString(dir.resolve("litestream.properties"), "litestream.dbs.tenants.dir=tenants\n"
                + "litestream.dbs.tenants.pattern=*.db\nlitestream.dbs.tenants.replica.type=file\n"
                + "litestream.dbs.tenants.replica.path=replica\n");
        RecordingLauncher launcher = new RecordingLauncher();

        assertEquals(2, run(launcher, "config"), err());
        assertTrue(err().contains("litestream.dbs.tenants.dir: was \"" + dir.resolve("tenants") + "\", expected "
                + "Litestream 0.5 or later for this setting (the binary is v0.3.13)"), err());
        for (String command : List.of("restore", "generations", "snapshots")) {
            err.reset();
            assertEquals(2, run(launcher, command, "tenants"), command + ": " + err());
            assertTrue(err().contains(command + ": \"tenants\" is a directory entry (litestream.dbs.tenants.dir = "
                    + dir.resolve("tenants") + "), expected one database file: " + command + " works per file"), err());
        }
        assertTrue(err().contains("\"tenants\" is a directory entry"), err());
        err.reset();
        run(launcher, "status");
        assertTrue(err().contains("status: tenants (directory " + dir.resolve("tenants") + ") left out: status works per"
                + " database file"), err());
        assertEquals(List.of(), launcher.commands, "nothing ran Litestream");
    }
}
