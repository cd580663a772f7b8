package dev.litestreamagent.replica;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.litestreamagent.config.ConfigInput;
import dev.litestreamagent.config.ConfigLoader;
import dev.litestreamagent.config.DatabaseConfig;
import dev.litestreamagent.replica.ReplicaProbe.Answer;
import dev.litestreamagent.testing.Harness;
import dev.litestreamagent.testing.LitestreamHarness;
import dev.litestreamagent.testing.S3ProxyServer;
import dev.litestreamagent.testing.Sqlite;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * "Is there a replica?" answered without Litestream: EMPTY only where the real binary would find
 * nothing; a replica the real binary made, wrong credentials, an unreachable store or a replica type
 * it does not read all leave the answer to Litestream.
 */
@ExtendWith(LitestreamHarness.class)
class ReplicaProbeTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private static DatabaseConfig db(Harness harness, Map<String, String> replica) throws Exception {
        Map<String, String> props = new HashMap<>();
        props.put("litestream.dbs.app.path", harness.tempDir().resolve("app.db").toString());
        // $BUCKET is set in the environment each probe is given, not in this loader's
        props.put("litestream.runtime-env", "BUCKET");
        replica.forEach((option, value) -> props.put("litestream.dbs.app.replica." + option, value));
        return ConfigLoader.load(ConfigInput.of(null, props, Map.of(), harness.tempDir(), null)).databases().get(0);
    }

    private static Map<String, String> s3(Harness harness, String path) {
        Map<String, String> replica = new HashMap<>();
        replica.put("type", "s3");
        replica.put("bucket", harness.bucket());
        replica.put("path", path);
        replica.put("endpoint", harness.s3().endpoint());
        replica.put("region", S3ProxyServer.REGION);
        replica.put("access-key-id", S3ProxyServer.ACCESS_KEY);
        replica.put("secret-access-key", S3ProxyServer.SECRET_KEY);
        return replica;
    }

    /** Replicates a database with the real binary to an S3 path and a file directory. */
    private static void replicate(Harness harness, String s3Path, Path fileReplica) throws Exception {
        Path db = harness.newDatabase("seed.db");
        Sqlite.insert(db, 1, 5);
        Path config = harness.writeConfig(db, harness.s3ReplicaYaml(s3Path), Harness.fileReplicaYaml(fileReplica));
        harness.seed(config);
    }

    @Test
    void fileReplica(Harness harness) throws Exception {
        Path replicated = harness.tempDir().resolve("replicated");
        replicate(harness, "unused", replicated);
        Path emptyDir = Files.createDirectories(harness.tempDir().resolve("empty/generations"));
        Path notADirectory = Files.createDirectories(harness.tempDir().resolve("odd"));
        Files.writeString(notADirectory.resolve("generations"), "?");
        ReplicaProbe probe = new ReplicaProbe(Map.of());

        assertEquals(Answer.ASK_LITESTREAM, probe.probe(db(harness, Map.of("type", "file", "path", replicated.toString())), TIMEOUT));
        assertEquals(Answer.EMPTY, probe.probe(db(harness, Map.of("type", "file",
                "path", harness.tempDir().resolve("never-written").toString())), TIMEOUT));
        assertEquals(Answer.EMPTY, probe.probe(db(harness, Map.of("type", "file", "path", emptyDir.getParent().toString())), TIMEOUT));
        assertEquals(Answer.ASK_LITESTREAM, probe.probe(db(harness, Map.of("type", "file", "path", notADirectory.toString())), TIMEOUT));
    }

    @Test
    void fileReplicaOfLitestream05Layout(Harness harness) throws Exception {
        Path replica = harness.tempDir().resolve("v05");
        Files.createDirectories(replica.resolve("ltx/0"));

        assertEquals(Answer.ASK_LITESTREAM, new ReplicaProbe(Map.of())
                .probe(db(harness, Map.of("type", "file", "path", replica.toString())), TIMEOUT));
    }

    @Test
    void s3Replica(Harness harness) throws Exception {
        replicate(harness, "tenants/seed.db", harness.tempDir().resolve("unused"));
        ReplicaProbe probe = new ReplicaProbe(Map.of());

        assertEquals(Answer.ASK_LITESTREAM, probe.probe(db(harness, s3(harness, "tenants/seed.db")), TIMEOUT));
        assertEquals(Answer.EMPTY, probe.probe(db(harness, s3(harness, "tenants/other.db")), TIMEOUT));
        assertEquals(Answer.EMPTY, probe.probe(db(harness, s3(harness, "tenants/seed")), TIMEOUT), "a prefix of a name is not it");
    }

    @Test
    void s3CredentialsAndBucketFromTheEnvironmentLitestreamGets(Harness harness) throws Exception {
        Map<String, String> replica = s3(harness, "app.db");
        replica.remove("access-key-id");
        replica.remove("secret-access-key");
        replica.put("bucket", "$BUCKET");
        Map<String, String> env = Map.of("BUCKET", harness.bucket(),
                "LITESTREAM_ACCESS_KEY_ID", S3ProxyServer.ACCESS_KEY, "AWS_SECRET_ACCESS_KEY", S3ProxyServer.SECRET_KEY);

        assertEquals(Answer.EMPTY, new ReplicaProbe(env).probe(db(harness, replica), TIMEOUT));
        assertEquals(Answer.ASK_LITESTREAM, new ReplicaProbe(Map.of("BUCKET", harness.bucket())).probe(db(harness, replica), TIMEOUT),
                "no credentials to sign with: the AWS SDK's chain may still find some");
    }

    @Test
    void anyDoubtLeavesTheAnswerToLitestream(Harness harness) throws Exception {
        ReplicaProbe probe = new ReplicaProbe(Map.of());
        Map<String, String> wrongSecret = s3(harness, "app.db");
        wrongSecret.put("secret-access-key", "not-the-secret");
        Map<String, String> unreachable = s3(harness, "app.db");
        unreachable.put("endpoint", "http://127.0.0.1:9");
        Map<String, String> otherBucket = s3(harness, "app.db");
        otherBucket.put("bucket", "no-such-bucket");
        Map<String, String> awsWithoutRegion = s3(harness, "app.db");
        awsWithoutRegion.remove("endpoint");
        awsWithoutRegion.remove("region");

        assertEquals(Answer.ASK_LITESTREAM, probe.probe(db(harness, wrongSecret), TIMEOUT), "wrong credentials");
        assertEquals(Answer.ASK_LITESTREAM, probe.probe(db(harness, unreachable), TIMEOUT), "unreachable");
        assertEquals(Answer.ASK_LITESTREAM, probe.probe(db(harness, otherBucket), TIMEOUT), "no such bucket");
        assertEquals(Answer.ASK_LITESTREAM, probe.probe(db(harness, awsWithoutRegion), TIMEOUT), "region to look up");
        assertEquals(Answer.ASK_LITESTREAM, probe.probe(db(harness, Map.of("type", "gcs", "bucket", "b", "path", "p")), TIMEOUT));
        assertEquals(Answer.ASK_LITESTREAM, probe.probe(db(harness, Map.of("url", "file://" + harness.tempDir().resolve("x"))), TIMEOUT));
    }

    @Test
    void severalReplicasAreEmptyOnlyWhenEachOneIs(Harness harness) throws Exception {
        Path replicated = harness.tempDir().resolve("replicated");
        replicate(harness, "tenants/several.db", replicated);
        Path empty = Files.createDirectories(harness.tempDir().resolve("empty"));
        Map<String, String> props = new HashMap<>();
        props.put("litestream.dbs.app.path", harness.tempDir().resolve("app.db").toString());
        props.put("litestream.dbs.app.replicas.first.type", "file");
        props.put("litestream.dbs.app.replicas.first.path", empty.toString());
        props.put("litestream.dbs.app.replicas.second.type", "file");
        props.put("litestream.dbs.app.replicas.second.path", empty.resolve("nothing").toString());
        ReplicaProbe probe = new ReplicaProbe(Map.of());
        DatabaseConfig bothEmpty = ConfigLoader.load(ConfigInput.of(null, props, Map.of(), harness.tempDir(), null)).databases().get(0);
        props.put("litestream.dbs.app.replicas.second.path", replicated.toString());
        DatabaseConfig secondHolds = ConfigLoader.load(ConfigInput.of(null, props, Map.of(), harness.tempDir(), null)).databases().get(0);

        assertEquals(Answer.EMPTY, probe.probe(bothEmpty, TIMEOUT));
        assertEquals(Answer.ASK_LITESTREAM, probe.probe(secondHolds, TIMEOUT), "the second replica holds the database");
    }
}
