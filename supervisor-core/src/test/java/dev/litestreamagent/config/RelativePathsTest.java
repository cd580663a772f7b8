package dev.litestreamagent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A relative path means the same wherever the CLI or the application runs from: relative to the
 * properties file when written there, to the working directory when set elsewhere.
 */
class RelativePathsTest {
    @TempDir
    Path temp;

    @Test
    void pathsInThePropertiesFileFollowTheFileNotTheWorkingDirectory() throws Exception {
        Path appDir = Files.createDirectories(temp.resolve("app"));
        Path elsewhere = Files.createDirectories(temp.resolve("elsewhere"));
        Path file = Files.writeString(appDir.resolve("litestream.properties"), "litestream.dbs.default.path=data/app.db\n"
                + "litestream.dbs.default.replica.type=file\nlitestream.dbs.default.replica.path=../backups/app\n");
        AgentConfig config = ConfigLoader.load(ConfigInput.of(null, Map.of("litestream.config-file", file.toString()),
                Map.of(), elsewhere, null));
        DatabaseConfig db = config.databases().get(0);
        assertEquals(appDir.resolve("data/app.db"), db.path());
        assertEquals(temp.resolve("backups/app").toString(), db.replica().get("path"));
    }

    @Test
    void pathsFromSystemPropertiesFollowTheWorkingDirectory() throws Exception {
        Path appDir = Files.createDirectories(temp.resolve("app"));
        Path work = Files.createDirectories(temp.resolve("work"));
        Path file = Files.writeString(appDir.resolve("litestream.properties"), "litestream.dbs.default.replica.type=file\n");
        AgentConfig config = ConfigLoader.load(ConfigInput.of(null, Map.of("litestream.config-file", file.toString(),
                "litestream.dbs.default.path", "app.db", "litestream.dbs.default.replica.path", "replica"),
                Map.of(), work, null));
        DatabaseConfig db = config.databases().get(0);
        assertEquals(work.resolve("app.db"), db.path());
        assertEquals(work.resolve("replica").toString(), db.replica().get("path"));
    }
}
