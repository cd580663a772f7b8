package dev.litestreamagent.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.litestreamagent.config.AgentConfig;
import dev.litestreamagent.config.ConfigException;
import dev.litestreamagent.config.ConfigInput;
import dev.litestreamagent.config.ConfigLoader;
import dev.litestreamagent.dialect.Dialect;
import dev.litestreamagent.dialect.LitestreamVersion;
import dev.litestreamagent.supervisor.ResyncPolicy;
import dev.litestreamagent.testing.Harness;
import dev.litestreamagent.testing.LitestreamHarness;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The configuration joined with the real binary. */
@ExtendWith(LitestreamHarness.class)
class LitestreamSetupTest {

    private static AgentConfig config(Harness harness, Map<String, String> extra) throws ConfigException {
        java.util.HashMap<String, String> props = new java.util.HashMap<>(extra);
        props.put("litestream.bin-path", harness.binary().toString());
        props.put("litestream.dbs.app.path", harness.tempDir().resolve("app.db").toString());
        props.put("litestream.dbs.app.replica.type", "file");
        props.put("litestream.dbs.app.replica.path", harness.tempDir().resolve("replica").toString());
        return ConfigLoader.load(ConfigInput.of(null, props, Map.of(), harness.tempDir(), null));
    }

    @Test
    void rendersForTheDetectedVersion(Harness harness) throws Exception {
        LitestreamSetup setup = LitestreamSetup.prepare(config(harness, Map.of()));
        assertEquals(LitestreamVersion.V0_3_13, setup.version());
        assertTrue(setup.rendered().yaml().contains("replicas:"), setup.rendered().yaml());
        assertEquals(harness.binary(), setup.binary().path());
    }

    @Test
    void aStatedVersionOfTheOtherDialectIsRefusedNotIgnored(Harness harness) throws Exception {
        ConfigException e = assertThrows(ConfigException.class,
                () -> LitestreamSetup.prepare(config(harness, Map.of("litestream.version", "0.5.2"))));
        assertTrue(e.getMessage().contains("litestream.version") && e.getMessage().contains("v0.3.13"), e.getMessage());
    }

    /** A file:// mirror the configuration accepts is one the binary lookup accepts: the binary is still found. */
    @Test
    void aFileMirrorAcceptedByTheConfigurationIsAcceptedWhenTheBinaryIsResolved(Harness harness) throws Exception {
        AgentConfig config = config(harness, Map.of("litestream.download.base-url", "file:///srv/litestream-mirror/"));
        assertEquals("file:///srv/litestream-mirror", LitestreamSetup.binarySettings(config).build().downloadBaseUrl());
        assertEquals(harness.binary(), LitestreamSetup.prepare(config).binary().path());
    }

    @Test
    void resyncAndStallRestartsRunOnlyWithTheLitestreamWhoseMessagesTheyRead(Harness harness) throws Exception {
        LitestreamSetup setup = LitestreamSetup.prepare(config(harness, Map.of("litestream.resync.max-wait", "7s")));
        ResyncPolicy used = setup.supervisorSettings(harness.tempDir().resolve("c.yml")).resyncPolicy();
        assertEquals(Duration.ofSeconds(7), used.maxWait(), "0.3.13 gets the configured policy");
        assertFalse(Dialect.of(new LitestreamVersion(0, 5, 2)).resyncPolicy(used).enabled());
    }
}
