package dev.litestreamagent.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.litestreamagent.testing.Harness;
import dev.litestreamagent.testing.LitestreamHarness;
import dev.litestreamagent.testing.ProcessResult;
import dev.litestreamagent.testing.Sqlite;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Class-path hygiene: an application with its own, different slf4j (1.x), logback (with its own
 * logback.xml), snakeyaml and sqlite-jdbc runs unchanged under the agent, keeps its logging set-up,
 * and is replicated.
 */
@ExtendWith(LitestreamHarness.class)
class ConflictingDependenciesIT {

    @Test
    void anApplicationWithItsOwnLibraryVersionsRunsUnchangedAndIsReplicated(Harness harness) throws Exception {
        Path db = harness.tempDir().resolve("todo.db");
        FileReplicaConfig config = FileReplicaConfig.write(harness, "todo", db);

        ProcessResult app = ProcessResult.run(AgentProcess.appUnderAgent(config.agentArgument(), List.of(),
                AgentProcess.exampleJar("conflicting-deps"), "--url", "jdbc:sqlite:" + db, "--events", "30"),
                Map.of(), harness.tempDir(), 120);

        assertEquals(0, app.exitCode(), app.toString());
        String out = app.output();
        assertTrue(out.contains("it now holds 30"), app.toString());
        // Its logback.xml is the one in charge, bound through its own slf4j 1.7 ...
        assertTrue(out.contains("APPLOG "), "the application's logback.xml pattern is not used:\n" + out);
        assertTrue(out.contains("libraries: slf4j-api 1.7.36, logback-classic 1.2.13, snakeyaml 1.33, sqlite-jdbc 3.46.1.3;"
                + " logging through ch.qos.logback.classic.LoggerContext"), out);
        assertTrue(out.contains("to-do list 'Groceries' with items [milk, bread, coffee]"), "its snakeyaml:\n" + out);
        assertTrue(out.contains("sqlite-jdbc driver 3.46.1.3"), "its own sqlite-jdbc:\n" + out);
        // ... with no complaint about a second binding or a foreign provider.
        assertFalse(out.contains("SLF4J:"), "slf4j saw something of the agent's:\n" + out);
        assertTrue(out.contains("[litestream-agent]"), "no agent log line:\n" + out);

        assertEquals(30, Sqlite.queryInt(config.restore(), "SELECT count(*) FROM todo"), "rows restored from the replica");
        assertEquals(List.of(), LitestreamProcesses.replicating(db), "a replicator outlived the application");
    }
}
