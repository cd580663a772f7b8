package dev.litestreamagent.cli;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.litestreamagent.cli.command.CliContext;
import dev.litestreamagent.cli.command.DatabaseRef;
import dev.litestreamagent.config.ConfigInput;
import dev.litestreamagent.verify.ReplicaWatch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** verify watches the file replica it restores from, named or the one, and no other kind. */
class ConfigCliContextReplicaWatchTest {

    private static CliContext load(Path dir, Map<String, String> replicas) throws Exception {
        Path binary = dir.resolve("litestream");
        Files.write(binary, List.of("#!/bin/sh", "echo v0.3.13"));
        Files.setPosixFilePermissions(binary, PosixFilePermissions.fromString("rwx------"));
        Map<String, String> settings = new HashMap<>(replicas);
        settings.put("litestream.bin-path", binary.toString());
        settings.put("litestream.cache-dir", dir.resolve("cache").toString());
        settings.put("litestream.dbs.app.path", "app.db");
        return ConfigCliContext.load(ConfigInput.of(null, settings, Map.of(), dir, null));
    }

    @Test
    void theNamedFileReplicaIsWatchedAndAnS3OneIsNot(@TempDir Path dir) throws Exception {
        CliContext context = load(dir, Map.of(
                "litestream.dbs.app.replicas.offsite.type", "s3", "litestream.dbs.app.replicas.offsite.bucket", "b",
                "litestream.dbs.app.replicas.local.type", "file",
                "litestream.dbs.app.replicas.local.path", dir.resolve("local").toString()));
        DatabaseRef app = context.database("app").orElseThrow();

        assertSame(ReplicaWatch.NONE, context.replicaWatch(app, "offsite"));
        ReplicaWatch local = context.replicaWatch(app, "local");
        Optional<String> before = local.state();
        assertTrue(before.isPresent());
        Files.createDirectories(dir.resolve("local/generations/0000000000000001/wal"));
        assertNotEquals(before, local.state());
    }

    @Test
    void theOneReplicaIsWatched(@TempDir Path dir) throws Exception {
        CliContext context = load(dir, Map.of("litestream.dbs.app.replica.type", "file",
                "litestream.dbs.app.replica.path", dir.resolve("replica").toString()));

        ReplicaWatch watch = context.replicaWatch(context.database("app").orElseThrow(), "");
        Optional<String> before = watch.state();
        Files.createDirectories(dir.resolve("replica/generations"));
        assertNotEquals(before, watch.state());
    }
}
