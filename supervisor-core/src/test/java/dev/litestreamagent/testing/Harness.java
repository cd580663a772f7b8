package dev.litestreamagent.testing;

import dev.litestreamagent.supervisor.log.LitestreamLine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a test gets from {@link LitestreamHarness}: a temp directory, the real Litestream binary,
 * a running S3Proxy with a fresh bucket, and helpers to write replica configs and run Litestream.
 */
public final class Harness {
    private final Path tempDir;
    private final S3ProxyServer s3;
    private final String bucket;

    Harness(Path tempDir, S3ProxyServer s3) {
        this.tempDir = tempDir;
        this.s3 = s3;
        this.bucket = s3.createBucket();
    }

    public Path tempDir() {
        return tempDir;
    }

    public Path binary() {
        return TestBinary.litestream();
    }

    public S3ProxyServer s3() {
        return s3;
    }

    /** This test's own, fresh bucket. */
    public String bucket() {
        return bucket;
    }

    /** Creates {@code name} in the temp directory with an {@code events} table. */
    public Path newDatabase(String name) throws Exception {
        return Sqlite.create(tempDir.resolve(name));
    }

    /** A Litestream 0.3 YAML replica block (list item) for this test's bucket. */
    public String s3ReplicaYaml(String replicaPath) {
        return s3ReplicaYaml(replicaPath, s3.endpoint());
    }

    /** The same replica reached through another endpoint (a relay in front of S3Proxy). */
    public String s3ReplicaYaml(String replicaPath, String endpoint) {
        return "      - type: s3\n"
                + "        bucket: " + bucket + "\n"
                + "        path: " + replicaPath + "\n"
                + "        endpoint: " + endpoint + "\n"
                + "        region: " + S3ProxyServer.REGION + "\n"
                + "        force-path-style: true\n"
                + "        access-key-id: " + S3ProxyServer.ACCESS_KEY + "\n"
                + "        secret-access-key: " + S3ProxyServer.SECRET_KEY + "\n";
    }

    /**
     * The agent's properties for an S3Proxy replica of this test's bucket, each key starting with
     * {@code keyPrefix} ({@code litestream.dbs.app.replica.}, {@code litestream.dbs.app.replicas.s3.}).
     */
    public java.util.List<String> s3ReplicaProperties(String keyPrefix, String replicaPath) {
        return java.util.List.of(keyPrefix + "type=s3",
                keyPrefix + "bucket=" + bucket,
                keyPrefix + "path=" + replicaPath,
                keyPrefix + "endpoint=" + s3.endpoint(),
                keyPrefix + "region=" + S3ProxyServer.REGION,
                keyPrefix + "force-path-style=true",
                keyPrefix + "access-key-id=" + S3ProxyServer.ACCESS_KEY,
                keyPrefix + "secret-access-key=" + S3ProxyServer.SECRET_KEY);
    }

    /** A Litestream 0.3 YAML replica block (list item) for a file replica directory. */
    public static String fileReplicaYaml(Path directory) {
        return "      - type: file\n        path: " + directory + "\n";
    }

    /** Writes a Litestream 0.3 config (one database, the given replica blocks) and returns its path. */
    public Path writeConfig(Path db, String... replicaYaml) throws IOException {
        StringBuilder yaml = new StringBuilder("dbs:\n  - path: ").append(db).append("\n    replicas:\n");
        for (String replica : replicaYaml) {
            yaml.append(replica);
        }
        Path config = Files.createTempFile(tempDir, "litestream", ".yml");
        Files.write(config, yaml.toString().getBytes(StandardCharsets.UTF_8));
        return config;
    }

    /** Runs the real binary to completion (bounded) and returns its exit code and output. */
    public ProcessResult litestream(String... args) throws Exception {
        return ProcessResult.run(binary(), List.of(args), 60);
    }

    /** Seeds the replicas of {@code config} from its databases with the real binary (see {@link ReplicaSeeder}). */
    public void seed(Path config) throws Exception {
        seed(List.of(binary().toString(), "replicate", "-config", config.toString()), Map.of(), tempDir);
    }

    /** {@link #seed(Path)} for a whole {@code litestream replicate} command line, with its environment. */
    public static void seed(List<String> command, Map<String, String> environment, Path workDir) throws Exception {
        ReplicaSeeder.seed(command, environment, workDir);
    }

    /**
     * An {@code -exec} command for a {@code litestream replicate} that seeds file replicas: it ends once each has its
     * first WAL segment, so the replica's first sync is over (at most 30 s). One that ended when the sync began
     * stopped Litestream inside it (see {@link ReplicaSeeder}); a fixed {@code sleep 2} ended before it on a loaded machine.
     */
    public static String untilFileReplicated(Path... replicas) {
        StringBuilder dirs = new StringBuilder();
        for (Path replica : replicas) {
            dirs.append(' ').append(replica.toAbsolutePath());
        }
        return "sh -c 'for d do i=0; while ! ls \"$d\"/generations/*/wal/*.wal.lz4 >/dev/null 2>&1 && [ $i -lt 300 ];"
                + " do sleep 0.1; i=$((i+1)); done; done' sh" + dirs;
    }

    /**
     * Fails unless a seeding {@code litestream replicate} ended well: exit 0, or exit 1 or 2 whose only errors are
     * Litestream 0.3.13's own race at its exit ({@link LitestreamLine#closeRacedOwnSync}) or work its shutdown
     * cancelled. The tests' restores check what the replica holds.
     */
    public static void assertSeeded(ProcessResult result) {
        if (result.exitCode() == 0) {
            return;
        }
        boolean onlyTheCloseRace = result.exitCode() == 1 || result.exitCode() == 2;
        for (String raw : result.output().split("\n")) {
            LitestreamLine line = LitestreamLine.parse(raw, TestBinary.LOG_MARKERS);
            boolean error = raw.contains("ERROR") || line.level() == LitestreamLine.Level.ERROR; // also through a log
            if (error && !line.closeRacedOwnSync() && !line.cancelledByShutdown()) {
                onlyTheCloseRace = false;
            }
        }
        if (!onlyTheCloseRace) {
            throw new AssertionError("seeding the replica: litestream replicate exited " + result.exitCode() + ":\n"
                    + result.output());
        }
    }

    /** Restores {@code db} as described in {@code config} into {@code target}; fails on a non-zero exit. */
    public Path restore(Path config, Path db, Path target) throws Exception {
        ProcessResult result = litestream("restore", "-config", config.toString(), "-o", target.toString(), db.toString());
        if (result.exitCode() != 0) {
            throw new AssertionError("litestream restore exited " + result.exitCode() + ":\n" + result.output());
        }
        return target;
    }

    /** Where a test's files may go, shown in messages. */
    @Override
    public String toString() {
        return "Harness[" + tempDir + ", s3=" + s3.endpoint() + "/" + bucket + "]";
    }
}
