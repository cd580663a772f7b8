package dev.litestreamagent.e2e;

import dev.litestreamagent.testing.Harness;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** An agent configuration with one database on a file replica (fast, no S3 needed), and its restore. */
final class FileReplicaConfig {
    private final Harness harness;
    private final Path db;
    private final Path replica;
    private final Path properties;

    private FileReplicaConfig(Harness harness, Path db, Path replica, Path properties) {
        this.harness = harness;
        this.db = db;
        this.replica = replica;
        this.properties = properties;
    }

    /** Writes {@code litestream.properties} in the temp directory for database {@code alias} at {@code db}. */
    static FileReplicaConfig write(Harness harness, String alias, Path db) throws IOException {
        Path replica = harness.tempDir().resolve("replica");
        Path properties = harness.tempDir().resolve("litestream.properties");
        String prefix = "litestream.dbs." + alias + ".";
        Files.write(properties, List.of(
                "litestream.bin-path=" + harness.binary(),
                prefix + "url=jdbc:sqlite:" + db,
                prefix + "replica.type=file",
                prefix + "replica.path=" + replica), StandardCharsets.UTF_8);
        return new FileReplicaConfig(harness, db, replica, properties);
    }

    Path properties() {
        return properties;
    }

    /** The agent argument naming this configuration. */
    String agentArgument() {
        return "config=" + properties;
    }

    /** Restores the database from the file replica with the real binary into a new file. */
    Path restore() throws Exception {
        return harness.restore(harness.writeConfig(db, Harness.fileReplicaYaml(replica)), db,
                harness.tempDir().resolve("restored.db"));
    }
}
