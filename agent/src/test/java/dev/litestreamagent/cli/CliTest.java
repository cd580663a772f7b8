package dev.litestreamagent.cli;

import dev.litestreamagent.cli.command.CliContext;
import dev.litestreamagent.cli.command.CommandSpec;
import dev.litestreamagent.supervisor.Clock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import dev.litestreamagent.config.ConfigInput;
import dev.litestreamagent.exec.Output;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Argument lists handed to Litestream (0.3 and 0.5), help, usage errors and exit codes, without a binary. */
class CliTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final RecordingLauncher launcher = new RecordingLauncher();

    private int run(FakeContext context, String... args) {
        return run(() -> context, args);
    }

    private int run(CliContext.Loader loader, String... args) {
        return new Cli(loader, launcher, Clock.SYSTEM, () -> {
            throw new AssertionError("verify is not under test here");
        }, new PrintStream(out, true), new PrintStream(err, true)).run(args);
    }

    /** The real configuration loader: {@code key=value} and alias "default" with a file replica. */
    private static CliContext.Loader realConfig(Path dir, String key, String value) {
        return () -> ConfigCliContext.load(ConfigInput.of(null, Map.of(key, value, "litestream.dbs.default.path", "app.db",
                "litestream.dbs.default.replica.type", "file", "litestream.dbs.default.replica.path", "replica"),
                Map.of(), dir, null));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void restoreByAliasOn05PassesFlagsThroughAndTheConfigAsAnOwnerOnlyFileDeletedAfterwards() throws Exception {
        assertEquals(0, run(new FakeContext("0.5.2"), "restore", "-txid", "0000000000000042", "-f", "-o", "copy.db", "default"));
        assertEquals(List.of("/opt/litestream/bin/litestream", "restore", "-config", "CONFIG", "-txid", "0000000000000042",
                "-f", "-o", "copy.db", "/srv/app/data/app.db"), launcher.lastArgs());
        assertEquals(List.of("rw-------"), launcher.configPermissions);
        assertTrue(launcher.configContents.get(0).contains("$LITESTREAM_SECRET_ACCESS_KEY"));
        assertFalse(Files.exists(launcher.lastConfig()), "the generated config was left behind");
        assertEquals("s3cr3t", launcher.environments.get(0).get("LITESTREAM_SECRET_ACCESS_KEY"));
    }

    @Test
    void aReplicaUrlPassesUntouchedAndWithoutConfigWhichLitestreamWouldRefuse() {
        assertEquals(0, run(new FakeContext("0.5.2"), "ltx", "s3://bucket/app.db"));
        assertEquals(List.of("/opt/litestream/bin/litestream", "ltx", "s3://bucket/app.db"), launcher.lastArgs());
    }

    @Test
    void walIsLtxOn05AndWalOn03() {
        assertEquals(0, run(new FakeContext("0.5.2"), "wal", "cache"));
        assertEquals(List.of("/opt/litestream/bin/litestream", "ltx", "-config", "CONFIG", "/srv/app/data/cache.db"),
                launcher.lastArgs());
        assertEquals(0, run(new FakeContext("v0.3.13"), "wal", "-generation", "g1", "cache"));
        assertEquals(List.of("/opt/litestream/bin/litestream", "wal", "-config", "CONFIG", "-generation", "g1",
                "/srv/app/data/cache.db"), launcher.lastArgs());
    }

    @Test
    void flagsMayFollowTheDatabaseAsInDjangoLitestream() {
        assertEquals(0, run(new FakeContext("v0.3.13"), "restore", "-o", "/tmp/x.db", "default", "-if-replica-exists"));
        assertEquals(List.of("/opt/litestream/bin/litestream", "restore", "-config", "CONFIG", "-o", "/tmp/x.db",
                "-if-replica-exists", "/srv/app/data/app.db"), launcher.lastArgs());
        assertEquals(0, run(new FakeContext("v0.3.13"), "snapshots", "default", "-replica", "s3"));
        assertEquals(List.of("/opt/litestream/bin/litestream", "snapshots", "-config", "CONFIG", "-replica", "s3",
                "/srv/app/data/app.db"), launcher.lastArgs());
    }

    @Test
    void onlyTheAmbiguousIsRefusedAndTheLikelyCauseNamed() {
        // 0.5's restore has no -replica: taken as a boolean, "s3" would be a second database.
        assertEquals(2, run(new FakeContext("0.5.2"), "restore", "-replica", "s3", "default"));
        assertTrue(err().contains("restore: expected one database argument"), err());
        assertTrue(err().contains("seen \"s3\" \"default\" (if \"-replica\" takes a value, write -replica=VALUE)"), err());
        assertEquals(List.of(), launcher.commands);
    }

    @Test
    void aConfiguredPathWorksLikeItsAlias() {
        assertEquals(0, run(new FakeContext("v0.3.13"), "snapshots", "/srv/app/data/../data/app.db"));
        assertEquals("/srv/app/data/app.db", launcher.lastArgs().get(4));
    }

    @Test
    void replicateOn05PassesItsFlagsAndHoldsTheReplicatorClaimWhileRunning() {
        FakeContext context = new FakeContext("0.5.2");
        assertEquals(0, run(context, "replicate", "-exec", "java -jar app.jar", "-log-level", "debug"));
        assertEquals(List.of("/opt/litestream/bin/litestream", "replicate", "-config", "CONFIG", "-exec", "java -jar app.jar",
                "-log-level", "debug"), launcher.lastArgs());
        assertEquals(1, context.claims);
        assertEquals(1, context.releases);
    }

    @Test
    void replicateRefusesToStartWhenAnotherReplicatorHoldsTheClaim() {
        FakeContext context = new FakeContext("v0.3.13");
        context.claimRefusal = "a replicator is already running (pid 4242)";
        assertEquals(1, run(context, "replicate"));
        assertTrue(err().contains("pid 4242"), err());
        assertEquals(List.of(), launcher.commands);
    }

    @Test
    void aLockThatCannotBeReadIsAMessageNotAStackTrace() {
        FakeContext context = new FakeContext("v0.3.13");
        context.lockUnreadable = true;
        assertEquals(1, run(context, "replicate"));
        assertTrue(err().contains("cannot lock the databases") && err().contains("Permission denied"), err());
        assertFalse(err().contains("\tat ") || err().contains("Exception"), err());
        assertEquals(List.of(), launcher.commands);
    }

    @Test
    void theSingleDatabaseFormOfReplicateIsAUsageError() {
        assertEquals(2, run(new FakeContext("v0.3.13"), "replicate", "/data/app.db", "s3://bucket/app.db"));
        assertTrue(err().contains("replicate DB REPLICA_URL"), err());
        assertTrue(err().contains("/data/app.db s3://bucket/app.db"), err());
        assertEquals(List.of(), launcher.commands);
    }

    @Test
    void litestreamsExitCodeIsTheClis() {
        launcher.exitCode = 3;
        assertEquals(3, run(new FakeContext("v0.3.13"), "generations", "default"));
    }

    @Test
    void versionNeedsNoConfig() {
        assertEquals(0, run(new FakeContext("v0.3.13"), "version"));
        assertEquals(List.of("/opt/litestream/bin/litestream", "version"), launcher.lastArgs());
    }

    @Test
    void aCommandTheInstalledVersionLacksNamesTheVersion() {
        assertEquals(2, run(new FakeContext("v0.3.13"), "ltx", "default"));
        assertTrue(err().contains("ltx: exists in Litestream 0.5 and later; the installed Litestream is v0.3.13"), err());
        assertEquals(2, run(new FakeContext("0.5.2"), "generations", "default"));
        assertTrue(err().contains("generations: exists in Litestream 0.3 only; the installed Litestream is v0.5.2"), err());
        assertEquals(List.of(), launcher.commands);
    }

    @Test
    void anUnknownAliasListsTheKnownOnes() {
        assertEquals(2, run(new FakeContext("v0.3.13"), "restore", "-o", "x.db", "defualt"));
        assertTrue(err().contains("restore: unknown database \"defualt\"; expected an alias (default, cache)"), err());
        assertFalse(err().contains("\tat "), "a stack trace was printed:\n" + err());
    }

    @Test
    void aMissingOrExtraDatabaseArgumentIsAUsageError() {
        assertEquals(2, run(new FakeContext("v0.3.13"), "restore", "-o", "x.db"));
        assertTrue(err().contains("restore: expected one database argument"), err());
        assertTrue(err().contains("seen none"), err());
        assertEquals(2, run(new FakeContext("v0.3.13"), "databases", "default"));
        assertTrue(err().contains("databases: takes no arguments besides flags; seen \"default\""), err());
    }

    @Test
    void unknownCommandsAreUsageErrors() {
        assertEquals(2, run(new FakeContext("v0.3.13"), "backup"));
        assertTrue(err().contains("unknown command \"backup\"; expected one of: config, databases"), err());
    }

    @Test
    void configErrorsArePrintedWholeWithExit2() {
        Cli cli = new Cli(() -> {
            throw new IllegalArgumentException("litestream.dbs.default.url: missing\nlitestream.bin-path: not executable");
        }, launcher, Clock.SYSTEM, () -> null, new PrintStream(out, true), new PrintStream(err, true));
        assertEquals(2, cli.run("databases"));
        assertTrue(err().contains("litestream.dbs.default.url: missing\nlitestream.bin-path: not executable"), err());
        assertFalse(err().contains("\tat "), err());
    }

    @Test
    void configPrintsTheYamlHandedToLitestream() {
        assertEquals(0, run(new FakeContext("v0.3.13"), "config"));
        assertEquals(new FakeContext("v0.3.13").renderedYaml(), out());
        assertFalse(out().contains("s3cr3t"));
    }

    @Test
    void helpListsEveryCommandWithVersionNotesAndTheConfigurationSource() {
        for (String[] help : new String[][] {{}, {"-h"}, {"--help"}, {"help"}}) {
            out.reset();
            assertEquals(0, run(new FakeContext("v0.3.13"), help));
            for (CommandSpec spec : CommandSpec.values()) {
                assertTrue(out().contains("  " + spec.command() + " "), spec + " missing from:\n" + out());
            }
            assertTrue(out().contains("[Litestream 0.5 and later, not in the installed v0.3.13]"), out());
            assertTrue(out().contains("Configuration: /srv/app/litestream.properties, -Dlitestream.*"), out());
            assertTrue(out().contains("default      /srv/app/data/app.db"), out());
        }
    }

    /**
     * The real configuration loader in {@code dir} (one database on a file replica, a cache directory) with a
     * v0.3.13 stand-in {@code binary} that appends each run's arguments to {@code runs}.
     */
    private static CliContext.Loader recordingBinary(Path dir, Path binary, Path runs) throws Exception {
        Files.write(binary, List.of("#!/bin/sh", "echo \"$*\" >> '" + runs + "'", "echo v0.3.13"));
        Files.setPosixFilePermissions(binary, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        return () -> ConfigCliContext.load(ConfigInput.of(null, Map.of(
                "litestream.bin-path", binary.toString(), "litestream.cache-dir", dir.resolve("cache").toString(),
                "litestream.dbs.default.path", "app.db", "litestream.dbs.default.replica.type", "file",
                "litestream.dbs.default.replica.path", "replica"), Map.of(), dir, null));
    }

    /**
     * help, --version and config need the binary's version only, never Litestream itself: with the answer kept in
     * the cache directory, a binary that records its runs is asked once, by the first command, and never again.
     */
    @Test
    void helpVersionAndConfigRunTheBinaryOnlyForItsVersionAndOnlyOnce(@TempDir Path dir) throws Exception {
        Path runs = dir.resolve("runs");
        Path binary = dir.resolve("litestream");
        CliContext.Loader loader = recordingBinary(dir, binary, runs);
        for (String command : List.of("help", "--version", "config", "help", "--version", "config")) {
            assertEquals(0, run(loader, command), command + ": " + err());
        }
        assertTrue(out().contains("Litestream v0.3.13 at " + binary), out());
        assertTrue(out().contains("- type: file"), out());
        assertEquals(List.of("version"), Files.readAllLines(runs));
        assertTrue(launcher.commands.isEmpty(), "no Litestream command was launched");
    }

    /**
     * version repeats what the binary printed when asked for its version, and databases lists a v0.3.13 config
     * itself: neither runs Litestream again, with or without the answer kept in the cache directory.
     */
    @Test
    void versionAndDatabasesPrintWhatLitestreamWouldWithoutRunningIt(@TempDir Path dir) throws Exception {
        Path runs = dir.resolve("runs");
        Path binary = dir.resolve("litestream");
        CliContext.Loader loader = recordingBinary(dir, binary, runs);
        for (int i = 0; i < 2; i++) {
            out.reset();
            assertEquals(0, run(loader, "version"), err());
            assertEquals("v0.3.13\n", out());
            out.reset();
            assertEquals(0, run(loader, "databases"), err());
            assertEquals("path" + " ".repeat(dir.resolve("app.db").toString().length() - 2) + "replicas\n"
                    + dir.resolve("app.db") + "  file\n", out());
        }
        assertEquals(List.of("version"), Files.readAllLines(runs));
        assertTrue(launcher.commands.isEmpty(), "no Litestream command was launched");
        assertEquals(0, run(loader, "databases", "-h"), err());
        assertEquals(List.of(binary.toString(), "databases", "-config"), launcher.lastArgs().subList(0, 3),
                "with a flag, Litestream lists");
    }

    @Test
    void helpKeysListsEveryKeyFromTheRegistryForErrorMessagesToPointAt() {
        assertEquals(0, run(new FakeContext("v0.3.13"), "help", "keys"));
        for (var key : dev.litestreamagent.settings.Keys.topLevel()) {
            assertTrue(out().contains("  " + key.name()) && out().contains(key.envName()), key + " missing:\n" + out());
        }
        assertTrue(out().contains("  litestream.dbs.<alias>.path  LITESTREAM_AGENT_DBS_<ALIAS>_PATH"), out());
        assertTrue(out().contains("litestream.stop-timeout (default 20s)"), out());
    }

    @Test
    void helpForOneCommandAndHelpDespiteABrokenConfiguration() {
        assertEquals(0, run(new FakeContext("0.5.2"), "help", "restore"));
        assertTrue(out().contains("restore [flags] DB|REPLICA_URL"), out());
        assertTrue(out().contains("/opt/litestream/bin/litestream restore -h"), out());
        out.reset();
        Cli broken = new Cli(() -> {
            throw new IllegalArgumentException("litestream.bin-path: not executable");
        }, launcher, Clock.SYSTEM, () -> null, new PrintStream(out, true), new PrintStream(err, true));
        assertEquals(0, broken.run("--help"));
        assertTrue(out().contains("Configuration: not loaded: litestream.bin-path: not executable"), out());
        assertEquals(2, run(new FakeContext("0.5.2"), "help", "backup"));
    }

    @Test
    void verifyUsageErrorsNameWhatWasSeen() {
        assertEquals(2, run(new FakeContext("v0.3.13"), "verify"));
        assertTrue(err().contains("verify: expected a database alias or --all; seen none"), err());
        assertEquals(2, run(new FakeContext("v0.3.13"), "verify", "--all", "default"));
        assertTrue(err().contains("give database aliases or --all, not both"), err());
        assertEquals(2, run(new FakeContext("v0.3.13"), "verify", "--timeout", "3s", "default"));
        assertTrue(err().contains("verify: unknown flag \"--timeout\"; expected --json, --all or -replica NAME"), err());
        assertEquals(2, run(new FakeContext("v0.3.13"), "verify", "s3://bucket/app.db"));
        assertTrue(err().contains("verify: unknown database \"s3://bucket/app.db\""), err());
    }

    @Test
    void restoreSendsLitestreamsLogLinesToStderrAndListingsKeepStdout() {
        assertEquals(0, run(new FakeContext("v0.3.13"), "restore", "-o", "copy.db", "default"));
        assertEquals(0, run(new FakeContext("v0.3.13"), "generations", "default"));
        assertEquals(0, run(new FakeContext("v0.3.13"), "version"));
        assertEquals(List.of(Output.Kind.INHERITED_AS_LOG, Output.Kind.INHERITED, Output.Kind.INHERITED),
                launcher.specs.stream().map(spec -> spec.output().kind()).toList());
    }

    @Test
    void versionFlagsPrintTheAgentLitestreamAndJava() {
        for (String flag : new String[] {"--version", "-V"}) {
            out.reset();
            assertEquals(0, run(new FakeContext("v0.3.13"), flag));
            List<String> lines = out().lines().toList();
            assertEquals(3, lines.size(), out());
            assertTrue(lines.get(0).matches("litestream-agent \\d+\\.\\d+\\.\\d+.*"), out());
            assertEquals("Litestream v0.3.13 at /opt/litestream/bin/litestream (from litestream.bin-path)", lines.get(1));
            assertTrue(lines.get(2).startsWith("Java " + System.getProperty("java.version") + " ("), out());
        }
        assertEquals(List.of(), launcher.commands, "--version runs no Litestream command");
    }

    @Test
    void versionFlagSaysSoWhenNoLitestreamIsFound() {
        assertEquals(0, run(() -> {
            throw new IllegalStateException("Litestream not found: litestream.bin-path is not set, there is no litestream on PATH");
        }, "--version"));
        assertTrue(out().startsWith("litestream-agent "), out());
        assertTrue(out().contains("\nLitestream: none found: Litestream not found: litestream.bin-path is not set"), out());
        assertTrue(out().contains("\nJava "), out());
        assertEquals(2, run(new FakeContext("v0.3.13"), "--version", "extra"));
    }

    @Test
    void helpForAnUnknownCommandPrintsItsHintOnce() {
        assertEquals(2, run(new FakeContext("v0.3.13"), "help", "nosuch"));
        assertTrue(err().startsWith("litestream-agent: help: unknown command \"nosuch\"; expected one of: config,"), err());
        assertEquals(1, err().split("help' for", -1).length - 1, err());
    }

    @Test
    void aConfigurationErrorHasOneHeader(@TempDir Path dir) {
        assertEquals(2, run(realConfig(dir, "litestream.stop-timout", "5s"), "databases"));
        assertEquals(List.of("litestream-agent: invalid litestream-agent configuration (1 problem):",
                "litestream.stop-timout: was \"5s\", expected a known key (java -jar litestream-agent.jar help keys lists them); this one does not"
                        + " exist, did you mean litestream.stop-timeout?"), err().lines().toList());
    }

    @Test
    void aWrongBinPathIsAConfigurationErrorWithExit2(@TempDir Path dir) {
        Path missing = dir.resolve("no-such-litestream");
        assertEquals(2, run(realConfig(dir, "litestream.bin-path", missing.toString()), "databases"));
        assertTrue(err().startsWith("litestream-agent: Litestream binary not found at " + missing
                + " (from litestream.bin-path)."), err());
        assertEquals(1, err().lines().count(), err());
        assertEquals(List.of(), launcher.commands);
    }
}
