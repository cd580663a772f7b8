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
    void perReplicaRetentionIsAnErrorWithLitestream05ThatNamesTheGlobalKey() throws Exception {
        AgentConfig config = load("dbs.a.path=a.db;dbs.a.replica.type=file;dbs.a.replica.path=/b;dbs.a.replica.retention=72h");
        ConfigException e = assertThrows(ConfigException.class,
                () -> LitestreamYaml.render(config, LitestreamVersion.parse("0.5.2")));
        assertEquals(List.of("litestream.dbs.a.replica.retention: was \"72h\", expected an option of a replica of type file in "
                + "Litestream v0.5.2, the installed binary (retention: Litestream 0.3 only; v0.5.2 would "
                + "ignore it; set litestream.snapshot.retention instead)"), e.problems().stream().map(Object::toString)
                .collect(java.util.stream.Collectors.toList()));
        assertTrue(LitestreamYaml.render(config, LitestreamVersion.V0_3_13).yaml().contains("retention: 72h"));
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
