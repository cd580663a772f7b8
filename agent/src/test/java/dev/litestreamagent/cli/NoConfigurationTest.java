package dev.litestreamagent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.litestreamagent.cli.command.CliContext;
import dev.litestreamagent.config.ConfigInput;
import dev.litestreamagent.supervisor.Clock;
import dev.litestreamagent.testing.TestBinary;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real configuration loader in a directory without a properties file, and without a binary. */
class NoConfigurationTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final RecordingLauncher launcher = new RecordingLauncher();

    private int run(Map<String, String> systemProperties, String... args) {
        ConfigInput input = ConfigInput.of(null, systemProperties, Map.of(), dir, null);
        CliContext.Loader loader = new CliContext.Loader() { // both ways of loading, as the jar's JvmSources
            @Override
            public CliContext load() {
                return ConfigCliContext.load(input);
            }

            @Override
            public CliContext loadWithoutBinary() {
                return ConfigCliContext.loadWithoutBinary(input);
            }
        };
        return new Cli(loader, launcher, Clock.SYSTEM, () -> {
            throw new AssertionError("verify is not under test here");
        }, new PrintStream(out, true), new PrintStream(err, true)).run(args);
    }

    /** The binary resolver also looks on this machine's PATH, which a test cannot change. */
    private static void assumeNoLitestreamOnPath() {
        String path = System.getenv("PATH");
        assumeTrue(path == null || Arrays.stream(path.split(File.pathSeparator))
                .noneMatch(entry -> !entry.isEmpty() && Files.isExecutable(Path.of(entry, "litestream"))),
                "litestream is on PATH: the no-binary case cannot be staged");
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void withoutAPropertiesFileConfigDatabasesAndReplicateSaySoWithExit2() {
        Map<String, String> binaryOnly = Map.of("litestream.bin-path", TestBinary.litestream().toString());
        for (String command : List.of("config", "databases", "replicate")) {
            err.reset();
            assertEquals(2, run(binaryOnly, command), command + ": " + err());
            assertTrue(err().contains(command + ": no litestream.properties found (looked in "
                    + dir.resolve("litestream.properties") + " and on the class path)"), err());
        }
        assertEquals("", out.toString(StandardCharsets.UTF_8), "no YAML without a database");
        assertEquals(List.of(), launcher.commands, "replicate must not start (0.3 would wait forever)");
    }

    @Test
    void withoutAPropertiesFileTheMissingConfigurationIsSaidBeforeTheMissingBinary() {
        Map<String, String> noBinary = Map.of("litestream.download.enabled", "false",
                "litestream.cache-dir", dir.resolve("empty-cache").toString());
        for (String command : List.of("config", "databases", "replicate")) {
            err.reset();
            assertEquals(2, run(noBinary, command), command + ": " + err());
            assertTrue(err().contains(command + ": no litestream.properties found (looked in "), err());
        }
        assumeNoLitestreamOnPath();
        assertEquals(1, run(noBinary, "version"), "version needs the binary, not a configuration");
    }

    @Test
    void replicateHonoursEnabledFalseWhileRestoreStillWorks() throws Exception {
        Files.writeString(dir.resolve("litestream.properties"), "litestream.enabled=false\n"
                + "litestream.dbs.default.path=app.db\nlitestream.dbs.default.replica.type=file\n"
                + "litestream.dbs.default.replica.path=replica\n");
        Map<String, String> binary = Map.of("litestream.bin-path", TestBinary.litestream().toString());
        assertEquals(2, run(binary, "replicate"), err());
        assertTrue(err().contains("replicate: litestream.enabled is false (properties file: "
                + dir.resolve("litestream.properties")), err());
        assertEquals(List.of(), launcher.commands);
        assertEquals(0, run(binary, "restore", "-o", "copy.db", "default"), err());
        assertEquals(1, launcher.commands.size(), "restore runs with replication off");
    }

    @Test
    void configWorksWithoutABinaryAndSaysWhichVersionItRenderedFor() throws Exception {
        assumeNoLitestreamOnPath();
        Files.writeString(dir.resolve("litestream.properties"), "litestream.dbs.default.path=app.db\n"
                + "litestream.dbs.default.replica.type=file\nlitestream.dbs.default.replica.path=replica\n");
        Map<String, String> noBinary = Map.of("litestream.download.enabled", "false",
                "litestream.cache-dir", dir.resolve("empty-cache").toString());
        assertEquals(0, run(noBinary, "config"), err());
        assertTrue(out.toString(StandardCharsets.UTF_8).contains(dir.resolve("app.db").toString()), out.toString());
        assertTrue(err().contains("config: rendered for Litestream v0.3.13 (litestream.version or its default), as no"
                + " binary was found to ask: "), err());
        err.reset();
        assertEquals(1, run(noBinary, "databases"), "commands that run Litestream still need it");
        assertTrue(err().contains("litestream-agent: "), err());
        assertEquals(List.of(), launcher.commands);
    }

    @Test
    void statusNeverLooksForTheBinaryItDoesNotRun() throws Exception {
        Files.writeString(dir.resolve("litestream.properties"), "litestream.dbs.default.path=app.db\n"
                + "litestream.dbs.default.replica.type=file\nlitestream.dbs.default.replica.path=replica\n");
        Map<String, String> missingBinary = Map.of("litestream.bin-path", dir.resolve("no-litestream").toString());
        assertEquals(2, run(missingBinary, "version"), "a command that runs Litestream refuses the setting");
        assertTrue(err().contains("litestream.bin-path"), err());
        err.reset();
        assertEquals(1, run(missingBinary, "status"), err());
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("default  NOT REPLICATING  none"), out.toString());
        assertEquals("", err());
        assertEquals(List.of(), launcher.commands);
    }
}
