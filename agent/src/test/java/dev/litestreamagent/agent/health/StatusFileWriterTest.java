package dev.litestreamagent.agent.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.litestreamagent.config.AgentConfig;
import dev.litestreamagent.config.ConfigInput;
import dev.litestreamagent.config.ConfigLoader;
import dev.litestreamagent.supervisor.lock.StateDirectory;
import dev.litestreamagent.supervisor.lock.StatusFile;
import dev.litestreamagent.verify.VerificationLog;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class StatusFileWriterTest {
    @TempDir
    Path dir;

    private StatusFileWriter writer(StateDirectory state) throws Exception {
        AgentConfig config = ConfigLoader.load(ConfigInput.of(null, Map.of(
                "litestream.dbs.app.path", state.database().toString(),
                "litestream.dbs.app.replica.type", "file",
                "litestream.dbs.app.replica.path", dir.resolve("replica").toString()), Map.of(), dir, null));
        return new StatusFileWriter(new HealthSource(config.databases(), () -> null, new VerificationLog()), List.of(new StatusFile(state)),
                LoggerFactory.getLogger(StatusFileWriterTest.class));
    }

    @Test
    void writesTheHealthDocumentOwnerOnlyAndOnlyWhenItChanged() throws Exception {
        StateDirectory state = StateDirectory.of(dir.resolve("app.db")).create();
        StatusFileWriter writer = writer(state);
        try {
            writer.tick();
            String written = new String(Files.readAllBytes(state.statusFile()), StandardCharsets.UTF_8);
            assertTrue(written.startsWith("{\"status\":\"unavailable\",\"problems\":[\"no Litestream runs"), written);
            assertTrue(written.contains("\"agentPid\":" + ProcessHandle.current().pid() + ",\"takenAt\":\"20"), written);
            assertTrue(written.contains("\"alias\":\"app\",\"path\":\"" + state.database() + "\""), written);
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(state.statusFile())));

            Files.delete(state.statusFile());
            writer.tick(); // the same document (its time aside), well within the heartbeat
            assertFalse(Files.exists(state.statusFile()), "rewritten although nothing changed");
        } finally {
            writer.stop();
        }
    }

    @Test
    void aFailedWriteIsRetriedAtTheNextLookAndLeavesNoTempFile() throws Exception {
        StateDirectory state = StateDirectory.of(dir.resolve("app.db"));
        StatusFileWriter writer = writer(state);
        try {
            writer.tick(); // no state directory: the supervisor creates it with its lock
            assertFalse(Files.exists(state.directory()), "the writer must not create the directory itself");
            state.create();
            writer.tick();
            assertTrue(Files.exists(state.statusFile()));
            try (var files = Files.list(state.directory())) {
                assertEquals(List.of("status.json"), files.map(f -> f.getFileName().toString()).sorted()
                        .collect(java.util.stream.Collectors.toList()));
            }
        } finally {
            writer.stop();
        }
    }
}
