package dev.litestreamagent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.litestreamagent.dialect.LitestreamVersion;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LitestreamYamlTest {
    private static AgentConfig load(String agentArgs) throws ConfigException {
        return ConfigLoader.load(ConfigInput.of(agentArgs, Map.of(), Map.of(), Path.of("/srv/app"), null));
    }

    @Test
    void perReplicaRetentionIsAWarningWithLitestream05() throws Exception {
        AgentConfig config = load("dbs.a.path=a.db;dbs.a.replica.type=file;dbs.a.replica.path=/b;dbs.a.replica.retention=72h");
        RenderedConfig v05 = LitestreamYaml.render(config, LitestreamVersion.parse("0.5.2"));
        assertEquals(List.of("litestream.dbs.a.replica.retention: Litestream v0.5.2 ignores per-replica retention "
                + "(snapshots and retention are global settings since 0.5)"), v05.warnings());
        assertTrue(v05.yaml().contains("retention: 72h"), v05.yaml());
        assertTrue(LitestreamYaml.render(config, LitestreamVersion.V0_3_13).warnings().isEmpty());
    }

    @Test
    void replicaTypesOf05AreAnErrorWith03() throws Exception {
        AgentConfig config = load("dbs.a.path=a.db;dbs.a.replica.type=nats;dbs.a.replica.url=nats://h/b");
        ConfigException e = assertThrows(ConfigException.class, () -> LitestreamYaml.render(config, LitestreamVersion.V0_3_13));
        assertEquals("litestream.dbs.a.replica.type", e.problems().get(0).key());
        assertTrue(LitestreamYaml.render(config, LitestreamVersion.parse("0.5.0")).yaml().contains("type: nats"));
    }

    @Test
    void gsIsSpelledTheWayLitestreamKnowsIt() throws Exception {
        AgentConfig config = load("dbs.a.path=a.db;dbs.a.replica.type=gs;dbs.a.replica.bucket=b");
        assertTrue(LitestreamYaml.render(config, LitestreamVersion.V0_3_13).yaml().contains("- type: gcs\n"));
    }

    @Test
    void theRuntimeInputOfThisTestJvmLoads() throws Exception {
        // Surefire sets litestream.test.* system properties here: they must not count as unknown settings.
        AgentConfig config = ConfigLoader.load(ConfigInput.fromRuntime(null));
        assertTrue(config.databases().isEmpty());
    }
}
