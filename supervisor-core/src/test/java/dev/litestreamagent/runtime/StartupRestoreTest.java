package dev.litestreamagent.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import dev.litestreamagent.config.ConfigInput;
import dev.litestreamagent.config.ConfigLoader;
import dev.litestreamagent.exec.SystemProcessLauncher;
import dev.litestreamagent.replica.ReplicaProbe;
import dev.litestreamagent.testing.Harness;
import dev.litestreamagent.testing.LitestreamHarness;
import dev.litestreamagent.testing.LogCapture;
import dev.litestreamagent.testing.ProcessResult;
import dev.litestreamagent.testing.S3ProxyServer;
import dev.litestreamagent.testing.Sqlite;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Restore on start with the real binary: several databases at once, and every failure named. */
@ExtendWith(LitestreamHarness.class)
class StartupRestoreTest {

    private static LitestreamSetup setup(Harness harness, List<String> aliases, Map<String, String> replica) throws Exception {
        Map<String, String> props = new HashMap<>();
        props.put("litestream.bin-path", harness.binary().toString());
        props.put("litestream.restore-on-start", "true");
        for (String alias : aliases) {
            props.put("litestream.dbs." + alias + ".path", harness.tempDir().resolve(alias + ".db").toString());
            replica.forEach((option, value) -> props.put("litestream.dbs." + alias + ".replica." + option,
                    value.replace("ALIAS", alias)));
        }
        return LitestreamSetup.prepare(ConfigLoader.load(ConfigInput.of(null, props, Map.of(), harness.tempDir(), null)));
    }

    private static StartupRestore restore(LitestreamSetup setup) {
        return new StartupRestore(setup.config(), () -> setup, new SystemProcessLauncher(), new ReplicaProbe(System.getenv()));
    }

    @Test
    void missingDatabasesComeBackAndOnesWithoutAReplicaStartEmpty(Harness harness) throws Exception {
        Map<String, String> file = Map.of("type", "file", "path", harness.tempDir().resolve("replicas/ALIAS").toString());
        List<String> aliases = List.of("a", "b", "c", "d", "fresh");
        StringBuilder yaml = new StringBuilder("dbs:\n");
        for (String alias : aliases.subList(0, 4)) {
            Path db = Sqlite.create(harness.tempDir().resolve(alias + ".db"));
            Sqlite.insert(db, 1, 5);
            yaml.append("  - path: ").append(db).append("\n    replicas:\n")
                    .append(Harness.fileReplicaYaml(harness.tempDir().resolve("replicas/" + alias)));
        }
        Path config = Files.writeString(harness.tempDir().resolve("seed.yml"), yaml);
        harness.seed(config);
        for (String alias : aliases.subList(0, 4)) {
            Files.delete(harness.tempDir().resolve(alias + ".db"));
            Files.deleteIfExists(harness.tempDir().resolve(alias + ".db-wal"));
            Files.deleteIfExists(harness.tempDir().resolve(alias + ".db-shm"));
        }
        LitestreamSetup setup = setup(harness, aliases, file);
        assertEquals(5, RestoreCandidates.of(setup.config()).size());

        restore(setup).run();

        for (String alias : aliases.subList(0, 4)) {
            assertEquals(5, Sqlite.count(harness.tempDir().resolve(alias + ".db")), alias);
        }
        assertFalse(Files.exists(harness.tempDir().resolve("fresh.db")), "no replica: the application creates it");
    }

    @Test
    void anS3ReplicaComesBackThroughLitestreamAndAnEmptyPathStartsEmpty(Harness harness) throws Exception {
        Path seeded = Sqlite.create(harness.tempDir().resolve("a.db"));
        Sqlite.insert(seeded, 1, 7);
        Path config = harness.writeConfig(seeded, harness.s3ReplicaYaml("tenants/a.db"));
        harness.seed(config);
        Files.delete(seeded);
        Files.deleteIfExists(harness.tempDir().resolve("a.db-wal"));
        Files.deleteIfExists(harness.tempDir().resolve("a.db-shm"));
        Map<String, String> s3 = Map.of("type", "s3", "bucket", harness.bucket(), "path", "tenants/ALIAS.db",
                "endpoint", harness.s3().endpoint(), "region", S3ProxyServer.REGION,
                "access-key-id", S3ProxyServer.ACCESS_KEY, "secret-access-key", S3ProxyServer.SECRET_KEY);

        restore(setup(harness, List.of("a", "fresh"), s3)).run();

        assertEquals(7, Sqlite.count(harness.tempDir().resolve("a.db")));
        assertFalse(Files.exists(harness.tempDir().resolve("fresh.db")), "no replica: the application creates it");
    }

    @Test
    void everyDatabaseThatCannotBeRestoredIsNamed(Harness harness) throws Exception {
        // nothing listens there: each restore fails at once
        Map<String, String> s3 = Map.of("type", "s3", "bucket", "b", "path", "ALIAS", "endpoint", "http://127.0.0.1:9",
                "region", "us-east-1", "access-key-id", "k", "secret-access-key", "s", "force-path-style", "true");
        StartupRestore restore = restore(setup(harness, List.of("one", "two"), s3));

        StartupRestore.RestoreFailedException e = assertThrows(StartupRestore.RestoreFailedException.class, restore::run);

        assertTrue(e.getMessage().contains("restore of 'one'") && e.getMessage().contains("restore of 'two'"),
                e.getMessage());
    }

    @Test
    void withS3DownTheFileReplicaRestoresEveryRowAndTheLogSaysSo(Harness harness) throws Exception {
        List<String> lines = new ArrayList<>(List.of("litestream.bin-path=" + harness.binary(),
                "litestream.restore-on-start=true", "litestream.dbs.app.path=app.db"));
        lines.addAll(harness.s3ReplicaProperties("litestream.dbs.app.replicas.s3.", "app"));
        lines.add("litestream.dbs.app.replicas.local.type=file");
        lines.add("litestream.dbs.app.replicas.local.path=" + harness.tempDir().resolve("file-replica"));
        Files.write(harness.tempDir().resolve("litestream.properties"), lines);
        LitestreamSetup setup = LitestreamSetup.prepare(ConfigLoader.load(ConfigInput.of(null, Map.of(), Map.of(),
                harness.tempDir(), null)));
        Path db = Sqlite.create(harness.tempDir().resolve("app.db"));
        Sqlite.insert(db, 1, 25);
        try (GeneratedConfigFile config = GeneratedConfigFile.write(setup.rendered().yaml())) {
            Harness.seed(List.of(harness.binary().toString(), "replicate", "-config", config.path().toString()),
                    setup.rendered().environment(), harness.tempDir());
        }
        for (String suffix : List.of("", "-wal", "-shm")) {
            Files.deleteIfExists(harness.tempDir().resolve("app.db" + suffix));
        }

        harness.s3().pause();
        try (LogCapture log = new LogCapture(DatabaseRestore.class.getName())) {
            restore(setup).run();

            assertEquals(25, Sqlite.count(db), "every row, from the file replica");
            assertTrue(log.messages(Level.WARN).stream().anyMatch(m -> m.contains("from its replica 'local'")
                    && m.contains("restore of 'app'")), log.messages(Level.WARN).toString());
        } finally {
            harness.s3().resume();
        }
    }

    @Test
    void whenNoReplicaCanRestoreEachOneIsNamed(Harness harness) throws Exception {
        Map<String, String> props = new HashMap<>();
        props.put("litestream.bin-path", harness.binary().toString());
        props.put("litestream.restore-on-start", "true");
        props.put("litestream.dbs.app.path", harness.tempDir().resolve("app.db").toString());
        for (String name : List.of("east", "west")) { // nothing listens there: each restore fails at once
            Map.of("type", "s3", "bucket", "b", "path", "app", "endpoint", "http://127.0.0.1:9", "region", "us-east-1",
                    "access-key-id", "k", "secret-access-key", "s", "force-path-style", "true")
                    .forEach((option, value) -> props.put("litestream.dbs.app.replicas." + name + "." + option, value));
        }
        StartupRestore restore = restore(LitestreamSetup.prepare(ConfigLoader.load(ConfigInput.of(null, props, Map.of(),
                harness.tempDir(), null))));

        StartupRestore.RestoreFailedException e = assertThrows(StartupRestore.RestoreFailedException.class, restore::run);

        assertTrue(e.getMessage().contains("from replica 'east' failed") && e.getMessage().contains("from replica 'west' failed"),
                e.getMessage());
        assertFalse(Files.exists(harness.tempDir().resolve("app.db")));
    }

    @Test
    void aHungReplicaLeavesTheNextOneItsShareOfTheTimeout(Harness harness) throws Exception {
        Path db = Sqlite.create(harness.tempDir().resolve("app.db"));
        Sqlite.insert(db, 1, 12);
        Path replica = harness.tempDir().resolve("file-replica");
        Path seed = harness.writeConfig(db, Harness.fileReplicaYaml(replica));
        harness.seed(seed);
        for (String suffix : List.of("", "-wal", "-shm")) {
            Files.deleteIfExists(harness.tempDir().resolve("app.db" + suffix));
        }
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) { // accepts, never answers
            Map<String, String> props = new HashMap<>();
            props.put("litestream.bin-path", harness.binary().toString());
            props.put("litestream.restore-on-start", "true");
            props.put("litestream.restore-timeout", "20s");
            props.put("litestream.dbs.app.path", db.toString());
            Map.of("type", "s3", "bucket", "b", "path", "app", "endpoint", "http://127.0.0.1:" + silent.getLocalPort(),
                    "region", "us-east-1", "access-key-id", "k", "secret-access-key", "s", "force-path-style", "true")
                    .forEach((option, value) -> props.put("litestream.dbs.app.replicas.hung." + option, value));
            props.put("litestream.dbs.app.replicas.local.type", "file");
            props.put("litestream.dbs.app.replicas.local.path", replica.toString());

            restore(LitestreamSetup.prepare(ConfigLoader.load(ConfigInput.of(null, props, Map.of(), harness.tempDir(), null))))
                    .run();
        }

        assertEquals(12, Sqlite.count(db), "every row, from the file replica tried after the hung one");
    }
}
