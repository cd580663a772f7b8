package dev.litestreamagent.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.litestreamagent.testing.Harness;
import dev.litestreamagent.testing.LitestreamHarness;
import dev.litestreamagent.testing.ProcessResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The agent in the host JVM: restore on start, a broken configuration, litestream.required, a double load. */
@ExtendWith(LitestreamHarness.class)
class AgentLifecycleIT {

    private static ProcessResult eventLog(Harness harness, List<String> jvmArgs, String agentArgs, Path db, int events)
            throws Exception {
        return ProcessResult.run(AgentProcess.appUnderAgent(agentArgs, jvmArgs, AgentProcess.exampleJar("event-log"),
                "--url", "jdbc:sqlite:" + db, "--events", Integer.toString(events), "--interval-ms", "30"),
                Map.of(), harness.tempDir(), 120);
    }

    @Test
    void aDeletedDatabaseIsBackBeforeMainOpensIt(Harness harness) throws Exception {
        Path db = harness.tempDir().resolve("data/app.db");
        FileReplicaConfig config = FileReplicaConfig.write(harness, "app", db);
        ProcessResult first = eventLog(harness, List.of(), config.agentArgument(), db, 30);
        assertEquals(0, first.exitCode(), first.toString());

        // The container's disk is gone: the database and its WAL with it.
        for (String suffix : List.of("", "-wal", "-shm")) {
            Files.deleteIfExists(Paths.get(db + suffix));
        }
        ProcessResult second = eventLog(harness, List.of("-Dlitestream.restore-on-start=true"),
                config.agentArgument(), db, 0);
        assertEquals(0, second.exitCode(), second.toString());
        // The application's own count, taken when main() opened the database.
        assertTrue(second.output().contains("it now holds 30"), second.toString());
        assertTrue(second.output().contains("Restored 'app'"), second.toString());
        assertFalse(Files.exists(Paths.get(db + ".tmp-shm")), "restore leftovers beside the database");
    }

    @Test
    void aBrokenConfigurationIsLoggedAndTheApplicationRunsOn(Harness harness) throws Exception {
        Path db = harness.tempDir().resolve("app.db");
        FileReplicaConfig config = FileReplicaConfig.write(harness, "app", db);
        Files.write(config.properties(), List.of("litestream.stop-timout=5s"), StandardOpenOption.APPEND);

        // Read off main()'s path (nothing asks for required or restore): the app runs long enough to see the log.
        ProcessResult app = eventLog(harness, List.of(), config.agentArgument(), db, 20);
        assertEquals(0, app.exitCode(), app.toString());
        assertTrue(app.output().contains("litestream.stop-timout"), "the bad key is not named:\n" + app.output());
        assertTrue(app.output().contains("WITHOUT replication"), app.toString());
        assertTrue(app.output().contains("appended 20 events"), app.toString());
    }

    @Test
    void requiredStopsTheJvmBeforeMainAndSaysWhy(Harness harness) throws Exception {
        Path db = harness.tempDir().resolve("app.db");
        FileReplicaConfig config = FileReplicaConfig.write(harness, "app", db);
        Files.write(config.properties(), List.of("litestream.required=true", "litestream.stop-timeout=soon"),
                StandardOpenOption.APPEND);

        ProcessResult app = eventLog(harness, List.of(), config.agentArgument(), db, 5);
        assertEquals(1, app.exitCode(), app.toString());
        assertTrue(app.output().contains("litestream.stop-timeout"), app.toString());
        assertTrue(app.output().contains("litestream.required=true"), app.toString());
        assertFalse(app.output().contains("appended"), "main() ran:\n" + app.output());
        assertFalse(app.output().contains("Exception in thread"), "a stack trace:\n" + app.output());
    }

    /** Issue 17 (6): failures found only once the binary is known used to leave the application running unreplicated. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"-Dlitestream.bin-path=/nonexistent/litestream", "-Dlitestream.version=0.5.2",
        "-Dlitestream.logging.level=trace"})
    void requiredAlsoStopsTheJvmForFailuresFoundAfterLoading(String setting, Harness harness) throws Exception {
        Path db = harness.tempDir().resolve("app.db");
        FileReplicaConfig config = FileReplicaConfig.write(harness, "app", db);

        ProcessResult app = eventLog(harness, List.of("-Dlitestream.required=true", setting), config.agentArgument(), db, 5);
        assertEquals(1, app.exitCode(), app.toString());
        assertTrue(app.output().contains("litestream.required=true"), app.toString());
        assertFalse(app.output().contains("appended"), "main() ran without replication:\n" + app.output());
        assertFalse(app.output().contains("Exception in thread"), "a stack trace:\n" + app.output());
    }

    @Test
    void aSecondLoadIsANoOpWithAWarning(Harness harness) throws Exception {
        Path db = harness.tempDir().resolve("app.db");
        FileReplicaConfig config = FileReplicaConfig.write(harness, "app", db);
        List<String> twice = List.of("-javaagent:" + AgentProcess.agentJar() + "=" + config.agentArgument());

        ProcessResult app = eventLog(harness, twice, config.agentArgument(), db, 10);
        assertEquals(0, app.exitCode(), app.toString());
        assertTrue(app.output().contains("already loaded"), app.toString());
        assertEquals(1, app.output().split("Replicating app", -1).length - 1, "replication started other than once:\n"
                + app.output());
        assertEquals(10, dev.litestreamagent.testing.Sqlite.count(config.restore()), app.output());
    }
}
