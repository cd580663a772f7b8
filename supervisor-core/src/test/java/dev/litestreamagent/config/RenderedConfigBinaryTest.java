package dev.litestreamagent.config;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.litestreamagent.dialect.LitestreamVersion;
import dev.litestreamagent.testing.Harness;
import dev.litestreamagent.testing.LitestreamHarness;
import dev.litestreamagent.testing.ProcessResult;
import dev.litestreamagent.testing.S3ProxyServer;
import dev.litestreamagent.testing.Sqlite;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The generated 0.3 config, fed to the real Litestream v0.3.13 with S3Proxy and a file replica. */
@ExtendWith(LitestreamHarness.class)
class RenderedConfigBinaryTest {

    /** Three databases: manual S3 replica with literal secrets, default S3 replica, file replica under a path with a '$'. */
    private static RenderedConfig render(Harness h, Map<String, String> env) throws Exception {
        Path replicaDir = h.tempDir().resolve("file-replica");
        Files.write(h.tempDir().resolve("litestream.properties"), List.of(
                "litestream.default-replica.endpoint=" + h.s3().endpoint(),
                "litestream.default-replica.region=" + S3ProxyServer.REGION,
                "litestream.default-replica.force-path-style=true",
                "litestream.dbs.main.url=jdbc:sqlite:file:" + h.tempDir().resolve("main.db") + "?mode=rwc&cache=shared",
                "litestream.dbs.main.monitor-interval=100ms",
                "litestream.dbs.main.replica.type=s3",
                "litestream.dbs.main.replica.bucket=" + h.bucket(),
                "litestream.dbs.main.replica.path=manual/main",
                "litestream.dbs.main.replica.endpoint=" + h.s3().endpoint(),
                "litestream.dbs.main.replica.region=" + S3ProxyServer.REGION,
                "litestream.dbs.main.replica.force-path-style=true",
                "litestream.dbs.main.replica.sync-interval=100ms",
                "litestream.dbs.main.replica.access-key-id=" + S3ProxyServer.ACCESS_KEY,
                "litestream.dbs.main.replica.secret-access-key=" + S3ProxyServer.SECRET_KEY,
                "litestream.dbs.other.path=other.db",
                "litestream.dbs.other.monitor-interval=100ms",
                "litestream.dbs.files.path=files.db",
                "litestream.dbs.files.monitor-interval=100ms",
                "litestream.dbs.files.replica.type=file",
                "litestream.dbs.files.replica.path=" + replicaDir + "/$$literal-dollar"));
        AgentConfig config = ConfigLoader.load(ConfigInput.of(null, Map.of(), env, h.tempDir(), null));
        return LitestreamYaml.render(config, LitestreamVersion.V0_3_13);
    }

    /**
     * The default replica's bucket and keys; wrong {@code AWS_*} keys make sure no replica gets in by
     * Litestream's own fallback to the environment: only the keys the config routes to it work.
     */
    private static Map<String, String> defaultReplicaEnv(Harness h) {
        return Map.of("LITESTREAM_REPLICA_BUCKET", h.bucket(),
                "LITESTREAM_ACCESS_KEY_ID", S3ProxyServer.ACCESS_KEY,
                "LITESTREAM_SECRET_ACCESS_KEY", S3ProxyServer.SECRET_KEY,
                "AWS_ACCESS_KEY_ID", "wrong-access-key",
                "AWS_SECRET_ACCESS_KEY", "wrong-secret-key");
    }

    private static Path writeOwnerOnly(Harness h, RenderedConfig rendered) throws Exception {
        Path file = h.tempDir().resolve("litestream.yml");
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, rendered.yaml());
        return file;
    }

    private static ProcessResult litestream(Harness h, Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(h.binary().toString()));
        command.addAll(List.of(args));
        return ProcessResult.run(command, env, h.tempDir(), 30);
    }

    @Test
    void databasesListsEveryDatabaseWithItsReplica(Harness h) throws Exception {
        Map<String, String> env = new HashMap<>(defaultReplicaEnv(h));
        RenderedConfig rendered = render(h, env);
        env.putAll(rendered.environment());
        Path config = writeOwnerOnly(h, rendered);

        ProcessResult result = litestream(h, env, "databases", "-config", config.toString());

        assertEquals(0, result.exitCode(), result.toString());
        Map<String, String> replicasByPath = new HashMap<>();
        result.output().lines().skip(1).map(line -> line.trim().split("\\s+"))
                .forEach(columns -> replicasByPath.put(columns[0], columns.length > 1 ? columns[1] : ""));
        assertEquals(Map.of(
                h.tempDir().resolve("main.db").toString(), "s3",
                h.tempDir().resolve("other.db").toString(), "s3",
                h.tempDir().resolve("files.db").toString(), "file"), replicasByPath, result.toString());
    }

    @Test
    void aSecretWithYamlSyntaxInItStillParses(Harness h) throws Exception {
        String password = "p\"a'ss\\w: #rd $HOME ${X}";
        AgentConfig config = ConfigLoader.load(ConfigInput.of(null, Map.of(), Map.of(
                "LITESTREAM_AGENT_DBS_REMOTE_PATH", "remote.db",
                "LITESTREAM_AGENT_DBS_REMOTE_REPLICA_TYPE", "sftp",
                "LITESTREAM_AGENT_DBS_REMOTE_REPLICA_HOST", "backup.invalid:22",
                "LITESTREAM_AGENT_DBS_REMOTE_REPLICA_USER", "backup",
                "LITESTREAM_AGENT_DBS_REMOTE_REPLICA_PASSWORD", password), h.tempDir(), null));
        RenderedConfig rendered = LitestreamYaml.render(config, LitestreamVersion.V0_3_13);
        assertTrue(!rendered.yaml().contains(password), rendered.yaml());

        ProcessResult result = litestream(h, rendered.environment(), "databases", "-config",
                writeOwnerOnly(h, rendered).toString());

        assertEquals(0, result.exitCode(), result.toString());
        assertTrue(result.output().contains(h.tempDir().resolve("remote.db") + "  sftp"), result.toString());
    }

    @Test
    void literalSecretsAndDollarsReachLitestreamThroughTheEnvironment(Harness h) throws Exception {
        Map<String, String> env = new HashMap<>(defaultReplicaEnv(h));
        RenderedConfig rendered = render(h, env);
        env.putAll(rendered.environment());
        Path config = writeOwnerOnly(h, rendered);
        List<String> dbs = List.of("main.db", "other.db", "files.db");
        for (String db : dbs) {
            Sqlite.insert(h.newDatabase(db), 0, 20);
        }

        ProcessBuilder builder = new ProcessBuilder(h.binary().toString(), "replicate", "-config", config.toString())
                .directory(h.tempDir().toFile()).redirectErrorStream(true)
                .redirectOutput(h.tempDir().resolve("replicate.log").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().putAll(env);
        Process replicate = builder.start();
        try {
            for (String db : dbs) {
                Path target = h.tempDir().resolve("restored-" + db);
                await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() -> {
                    Files.deleteIfExists(target);
                    return litestream(h, env, "restore", "-config", config.toString(), "-o", target.toString(),
                            h.tempDir().resolve(db).toString()).exitCode() == 0;
                });
                assertEquals(20, Sqlite.count(target), db);
            }
        } finally {
            replicate.destroy();
            if (!replicate.waitFor(10, TimeUnit.SECONDS)) {
                replicate.destroyForcibly().waitFor();
            }
        }
        assertTrue(Files.isDirectory(h.tempDir().resolve("file-replica/$literal-dollar")),
                "the file replica is under the literal '$' path");
        assertTrue(h.s3().objectCount(h.bucket()) > 0);
    }
}
