package dev.litestreamagent.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.litestreamagent.testing.Harness;
import dev.litestreamagent.testing.LitestreamHarness;
import dev.litestreamagent.testing.ProcessResult;
import dev.litestreamagent.testing.S3ProxyServer;
import dev.litestreamagent.testing.Sqlite;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The vertical slice through the real parts: the example application under the agent, a
 * generated config handed to the real Litestream v0.3.13, S3Proxy as the replica; the JVM exits
 * normally, and a restore with the real binary into a new file finds every row.
 */
@ExtendWith(LitestreamHarness.class)
class FirstReplicationIT {

    @Test
    void rowsWrittenUnderTheAgentAreRestorableFromS3(Harness harness) throws Exception {
        Path db = harness.tempDir().resolve("app.db");
        Path properties = harness.tempDir().resolve("litestream.properties");
        Files.write(properties, List.of(
                "litestream.bin-path=" + harness.binary(),
                "litestream.dbs.default.url=jdbc:sqlite:" + db,
                "litestream.dbs.default.replica.type=s3",
                "litestream.dbs.default.replica.bucket=" + harness.bucket(),
                "litestream.dbs.default.replica.path=app.db",
                "litestream.dbs.default.replica.endpoint=" + harness.s3().endpoint(),
                "litestream.dbs.default.replica.region=" + S3ProxyServer.REGION,
                "litestream.dbs.default.replica.force-path-style=true",
                "litestream.dbs.default.replica.access-key-id=" + S3ProxyServer.ACCESS_KEY,
                "litestream.dbs.default.replica.secret-access-key=" + S3ProxyServer.SECRET_KEY), StandardCharsets.UTF_8);

        ProcessResult app = ProcessResult.run(AgentProcess.appUnderAgent("config=" + properties, List.of(),
                AgentProcess.exampleJar("event-log"), "--url", "jdbc:sqlite:" + db, "--events", "40", "--interval-ms", "10"),
                Map.of(), harness.tempDir(), 120);
        assertEquals(0, app.exitCode(), app.toString());
        assertTrue(app.output().contains("appended 40 events"), app.toString());
        assertTrue(!app.output().contains(S3ProxyServer.SECRET_KEY), "the secret key was printed:\n" + app.output());

        Path restored = harness.restore(harness.writeConfig(db, harness.s3ReplicaYaml("app.db")), db,
                harness.tempDir().resolve("restored.db"));
        assertEquals(40, Sqlite.count(restored), "rows restored from the replica");
        assertEquals(List.of(), LitestreamProcesses.replicating(db), "a replicator outlived the application");
    }
}
