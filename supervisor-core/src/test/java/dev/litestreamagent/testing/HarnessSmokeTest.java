package dev.litestreamagent.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The harness itself against the real binary: replicate to S3Proxy and to a file replica, then restore. */
@ExtendWith(LitestreamHarness.class)
class HarnessSmokeTest {

    @Test
    void realBinaryIsTheConfiguredVersion(Harness harness) throws Exception {
        ProcessResult version = harness.litestream("version");
        assertEquals(0, version.exitCode(), version.toString());
        assertTrue(version.output().startsWith("v0.3.13"), version.output());
    }

    @Test
    void replicatesToS3ProxyAndFileAndRestores(Harness harness) throws Exception {
        Path db = harness.newDatabase("app.db");
        int next = Sqlite.insert(db, 1, 25);
        Path config = harness.writeConfig(db, harness.s3ReplicaYaml("app.db"),
                Harness.fileReplicaYaml(harness.tempDir().resolve("file-replica")));

        Process replicate = new ProcessBuilder(harness.binary().toString(), "replicate", "-config", config.toString())
                .redirectErrorStream(true).redirectOutput(harness.tempDir().resolve("replicate.log").toFile()).start();
        try {
            Sqlite.insert(db, next, 25);
            // A SIGTERM before Litestream has opened the database ends it without a final sync: the first upload says
            // it has (a fixed 1.5 s sleep here failed under load).
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> harness.s3().objectCount(harness.bucket()) > 0);
        } finally {
            replicate.destroy(); // SIGTERM: final sync
            assertTrue(replicate.waitFor(20, TimeUnit.SECONDS));
        }

        Path restored = harness.tempDir().resolve("restored.db");
        ProcessResult restore = harness.litestream("restore", "-config", config.toString(),
                "-replica", "s3", "-o", restored.toString(), db.toString());
        assertEquals(0, restore.exitCode(), restore.toString());
        assertEquals(50, Sqlite.count(restored));
    }
}
