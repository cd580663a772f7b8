package dev.litestreamagent.cli;

import dev.litestreamagent.supervisor.Clock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.litestreamagent.config.AgentConfig;
import dev.litestreamagent.config.ConfigException;
import dev.litestreamagent.config.ConfigInput;
import dev.litestreamagent.config.ConfigLoader;
import dev.litestreamagent.exec.ChildProcess;
import dev.litestreamagent.exec.Output;
import dev.litestreamagent.exec.ProcessLauncher;
import dev.litestreamagent.exec.ProcessRunner;
import dev.litestreamagent.exec.ProcessSpec;
import dev.litestreamagent.exec.RunResult;
import dev.litestreamagent.exec.SystemProcessLauncher;
import dev.litestreamagent.testing.TestBinary;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Secrets set in every way a user can (properties file, environment, agent argument) never appear in what
 * the CLI prints, in exception messages, or in any file left on disk; only the Litestream child's
 * environment holds them. Runs the real configuration loader and the real Litestream v0.3.13.
 */
class SecretCanaryTest {
    private static final String CANARY = "SECRET-CANARY-" + UUID.randomUUID();

    @TempDir
    Path dir;

    private final List<String> seen = new ArrayList<>();
    private final List<Map<String, String>> childEnvironments = new ArrayList<>();
    private final Instant start = Instant.now().minusSeconds(1);

    private String canary(String name) {
        return CANARY + "-" + name;
    }

    private Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("LITESTREAM_SECRET_ACCESS_KEY", canary("litestream-env"));
        env.put("LITESTREAM_ACCESS_KEY_ID", canary("litestream-env-id"));
        env.put("LITESTREAM_AGENT_DBS_X_URL", "jdbc:sqlite:" + dir.resolve("x.db"));
        env.put("LITESTREAM_AGENT_DBS_X_REPLICA_TYPE", "s3");
        env.put("LITESTREAM_AGENT_DBS_X_REPLICA_BUCKET", "x-bucket");
        env.put("LITESTREAM_AGENT_DBS_X_REPLICA_ACCESS_KEY_ID", canary("agent-env-id"));
        env.put("LITESTREAM_AGENT_DBS_X_REPLICA_SECRET_ACCESS_KEY", canary("agent-env"));
        return env;
    }

    private Map<String, String> sysprops(String... extra) {
        Map<String, String> props = new HashMap<>();
        props.put("litestream.bin-path", TestBinary.litestream().toString());
        props.put("litestream.version", "0.3.13");
        props.put("litestream.dbs.main.path", dir.resolve("main.db").toString());
        props.put("litestream.dbs.main.replica.type", "s3");
        props.put("litestream.dbs.main.replica.bucket", "main-bucket");
        props.put("litestream.dbs.main.replica.endpoint", "http://127.0.0.1:9");
        props.put("litestream.dbs.main.replica.access-key-id", canary("sysprop-id"));
        props.put("litestream.dbs.main.replica.secret-access-key", canary("sysprop"));
        // the default replica: credentials as $LITESTREAM_* references (the child's real environment has none)
        props.put("litestream.dbs.dflt.path", dir.resolve("dflt.db").toString());
        props.put("litestream.default-replica.bucket", "default-bucket");
        for (int i = 0; i < extra.length; i += 2) {
            props.put(extra[i], extra[i + 1]);
        }
        return props;
    }

    private void writeFile() throws IOException {
        Files.writeString(dir.resolve("litestream.properties"),
                "litestream.dbs.file.path=" + dir.resolve("file.db") + "\n"
                        + "litestream.dbs.file.replica.type=sftp\n"
                        + "litestream.dbs.file.replica.host=backup.invalid:22\n"
                        + "litestream.dbs.file.replica.user=backup\n"
                        + "litestream.dbs.file.replica.password=" + canary("file") + "\n");
    }

    /** Runs the real Litestream with its output captured into the CLI's stdout; records the config it was given. */
    private final class CapturingLauncher implements ProcessLauncher {
        private final ProcessRunner real = new ProcessRunner(new SystemProcessLauncher());
        private final PrintStream out;

        CapturingLauncher(PrintStream out) {
            this.out = out;
        }

        @Override
        public ChildProcess launch(ProcessSpec spec) throws IOException {
            childEnvironments.add(spec.environment());
            List<String> command = spec.command();
            int config = command.indexOf("-config");
            if (config >= 0) {
                Path file = Paths.get(command.get(config + 1));
                assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
                seen.add("generated config " + file + ":\n" + Files.readString(file));
            }
            seen.add("command line: " + command);
            RunResult result;
            try {
                result = real.run(spec.withOutput(Output.captured()), Duration.ofSeconds(30));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            if (spec.output().kind() == Output.Kind.INHERITED) {
                out.print(result.output());
            }
            return new FinishedChild(result.exitCode(), result.output());
        }
    }

    private int cli(ConfigInput input, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
        int code = new Cli(() -> ConfigCliContext.load(input), new CapturingLauncher(outStream), Clock.SYSTEM, () -> {
            throw new AssertionError("not under test");
        }, outStream, new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
        seen.add(String.join(" ", args) + " stdout:\n" + out.toString(StandardCharsets.UTF_8));
        seen.add(String.join(" ", args) + " stderr:\n" + err.toString(StandardCharsets.UTF_8));
        return code;
    }

    @Test
    void noSecretReachesOutputMessagesOrFiles() throws Exception {
        writeFile();
        ConfigInput good = ConfigInput.of(null, sysprops(), env(), dir, null);
        assertEquals(0, cli(good, "config"), () -> String.join("\n", seen));
        assertTrue(seen.get(seen.size() - 2).contains("main-bucket"), "config printed no YAML: " + seen);
        assertEquals(0, cli(good, "databases"), () -> String.join("\n", seen));
        assertTrue(seen.get(seen.size() - 2).contains(dir.resolve("main.db").toString()),
                "litestream databases listed nothing: " + seen);
        assertEquals(0, cli(good, "help"), () -> String.join("\n", seen));
        assertEquals(0, cli(good, "help", "restore"), () -> String.join("\n", seen));

        ConfigInput broken = ConfigInput.of("dbs.main.replica.secret-access-key=" + canary("arg") + "," + canary("tail"),
                sysprops("litestream.stop-timout", "5s", "litestream.dbs.main.secret-access-key", canary("misplaced"),
                        // a misspelt credential option is refused (Litestream would ignore it), its value unshown
                        "litestream.dbs.file.replica.secret-acess-key", canary("file-typo")),
                env(), dir, null);
        assertEquals(2, cli(broken, "databases"), () -> String.join("\n", seen));
        assertTrue(seen.get(seen.size() - 1).contains("litestream.stop-timout"), seen.get(seen.size() - 1));
        assertEquals(0, cli(broken, "help"), () -> String.join("\n", seen));

        try {
            ConfigLoader.load(broken);
        } catch (ConfigException e) {
            seen.add("exception: " + e + " " + e.problems());
        }
        AgentConfig config = ConfigLoader.load(good);
        seen.add("config: " + config + config.settings() + config.sources() + config.warnings() + config.databases());

        String everything = String.join("\n", seen);
        assertFalse(everything.contains(CANARY), "a secret leaked:\n" + excerpt(everything));
        assertTrue(everything.contains("****"), "secrets were not even masked (were they set?):\n" + everything);
        String childSecrets = childEnvironments.toString();
        assertTrue(childSecrets.contains(canary("sysprop")) && childSecrets.contains(canary("agent-env"))
                && childSecrets.contains(canary("file")), "Litestream's environment lacks the secrets it needs");

        // the user's own properties file holds its secrets, as written; nothing else may
        Set<Path> leaked = new TreeSet<>(filesHoldingTheCanary(dir));
        leaked.addAll(filesHoldingTheCanary(Paths.get(System.getProperty("java.io.tmpdir"))));
        leaked.remove(dir.resolve("litestream.properties"));
        assertEquals(Set.of(), leaked, "files on disk hold a secret");
    }

    private static String excerpt(String text) {
        int at = text.indexOf(CANARY);
        return text.substring(Math.max(0, at - 400), Math.min(text.length(), at + 200));
    }

    /**
     * Regular files under {@code root} written since the test began (a few levels deep) that hold the canary.
     * Other processes share /tmp: a file or folder that vanishes while it is walked is skipped.
     */
    private List<Path> filesHoldingTheCanary(Path root) throws IOException {
        String needle = CANARY;
        List<Path> found = new ArrayList<>();
        Files.walkFileTree(root, java.util.EnumSet.noneOf(java.nio.file.FileVisitOption.class), 4,
                new java.nio.file.SimpleFileVisitor<Path>() {
                    @Override
                    public java.nio.file.FileVisitResult visitFile(Path file, java.nio.file.attribute.BasicFileAttributes a) {
                        if (a.isRegularFile() && a.size() < 4_000_000 && a.lastModifiedTime().compareTo(FileTime.from(start)) >= 0) {
                            try {
                                if (new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).contains(needle)) {
                                    found.add(file);
                                }
                            } catch (IOException unreadableOrGone) {
                                // not ours to read, or removed meanwhile
                            }
                        }
                        return java.nio.file.FileVisitResult.CONTINUE;
                    }

                    @Override
                    public java.nio.file.FileVisitResult visitFileFailed(Path file, IOException e) {
                        return java.nio.file.FileVisitResult.CONTINUE;
                    }
                });
        return found;
    }
}
