package dev.litestreamagent.config;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.litestreamagent.dialect.LitestreamVersion;
import dev.litestreamagent.testing.Harness;
import dev.litestreamagent.testing.LitestreamHarness;
import dev.litestreamagent.testing.ProcessResult;
import dev.litestreamagent.testing.Sqlite;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One database replicated by the real Litestream v0.3.13 to two named replicas, a file replica and S3Proxy,
 * from {@code litestream.dbs.app.replicas.<name>.*}; {@code restore -replica NAME} restores from each alone.
 */
@ExtendWith(LitestreamHarness.class)
class SeveralReplicasBinaryTest {

    @Test
    void everyRowReachesBothReplicasAndEachRestoresOnItsOwn(Harness h) throws Exception {
        Path fileReplica = h.tempDir().resolve("file-replica");
        List<String> properties = new ArrayList<>(List.of(
                "litestream.dbs.app.path=app.db",
                "litestream.dbs.app.monitor-interval=100ms",
                "litestream.dbs.app.replicas.local.type=file",
                "litestream.dbs.app.replicas.local.path=" + fileReplica,
                "litestream.dbs.app.replicas.local.sync-interval=100ms",
                "litestream.dbs.app.replicas.s3.sync-interval=100ms"));
        properties.addAll(h.s3ReplicaProperties("litestream.dbs.app.replicas.s3.", "app"));
        Files.write(h.tempDir().resolve("litestream.properties"), properties);
        RenderedConfig rendered = LitestreamYaml.render(
                ConfigLoader.load(ConfigInput.of(null, Map.of(), Map.of(), h.tempDir(), null)), LitestreamVersion.V0_3_13);
        Path config = h.tempDir().resolve("litestream.yml");
        Files.createFile(config, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(config, rendered.yaml());
        Map<String, String> env = rendered.environment();
        Path db = h.newDatabase("app.db");
        Sqlite.insert(db, 0, 20);

        ProcessResult databases = litestream(h, env, "databases", "-config", config.toString());
        assertTrue(databases.output().contains(db + "  local,s3"), databases.toString());

        Process replicate = replicate(h, env, config);
        try {
            Sqlite.insert(db, 20, 10);
            for (String replica : List.of("local", "s3")) {
                Path target = h.tempDir().resolve("restored-from-" + replica + ".db");
                await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() -> {
                    Files.deleteIfExists(target);
                    return litestream(h, env, "restore", "-config", config.toString(), "-replica", replica,
                            "-o", target.toString(), db.toString()).exitCode() == 0 && Sqlite.count(target) == 30;
                });
                assertEquals(30, Sqlite.count(target), replica);
            }
        } finally {
            replicate.destroy();
            if (!replicate.waitFor(10, TimeUnit.SECONDS)) {
                replicate.destroyForcibly().waitFor();
            }
        }
        try (Stream<Path> files = Files.walk(fileReplica)) {
            assertTrue(files.anyMatch(Files::isRegularFile), "the file replica holds the backup");
        }
        assertTrue(h.s3().objectCount(h.bucket()) > 0, "S3 holds the backup");
    }

    private static Process replicate(Harness h, Map<String, String> env, Path config) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(h.binary().toString(), "replicate", "-config", config.toString())
                .directory(h.tempDir().toFile()).redirectErrorStream(true)
                .redirectOutput(h.tempDir().resolve("replicate.log").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().putAll(env);
        return builder.start();
    }

    private static ProcessResult litestream(Harness h, Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(h.binary().toString()));
        command.addAll(List.of(args));
        return ProcessResult.run(command, env, h.tempDir(), 30);
    }
}
