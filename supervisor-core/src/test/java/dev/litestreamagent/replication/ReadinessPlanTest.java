package dev.litestreamagent.replication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.litestreamagent.config.ConfigInput;
import dev.litestreamagent.config.ConfigLoader;
import dev.litestreamagent.runtime.GeneratedConfigFile;
import dev.litestreamagent.runtime.LitestreamSetup;
import dev.litestreamagent.testing.FakeClock;
import dev.litestreamagent.testing.Harness;
import dev.litestreamagent.testing.LitestreamHarness;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

/** Which databases each launch's config lists. */
@ExtendWith(LitestreamHarness.class)
class ReadinessPlanTest {

    @Test
    void withNoDatabaseReadyTheConfigFileIsLeftAsItIs(Harness harness) throws Exception {
        LitestreamSetup setup = LitestreamSetup.prepare(ConfigLoader.load(ConfigInput.of(null, Map.of(
                "litestream.bin-path", harness.binary().toString(),
                "litestream.dbs.app.path", harness.tempDir().resolve("app.db").toString(), // not created yet
                "litestream.dbs.app.replica.type", "file",
                "litestream.dbs.app.replica.path", harness.tempDir().resolve("replica").toString()),
                Map.of(), harness.tempDir(), null)));
        try (GeneratedConfigFile file = GeneratedConfigFile.write(setup.rendered().yaml())) {
            ReadinessPlan plan = new ReadinessPlan(setup, file, new FakeClock(), LoggerFactory.getLogger(getClass()));
            long modified = Files.getLastModifiedTime(file.path()).toMillis();
            for (int attempt = 0; attempt < 3; attempt++) {
                assertTrue(plan.prepare().isEmpty(), "a database without a schema was handed to Litestream");
            }
            assertEquals(setup.rendered().yaml(), Files.readString(file.path()), "the config was rewritten");
            assertEquals(modified, Files.getLastModifiedTime(file.path()).toMillis());
            assertFalse(plan.changed(false));
        }
    }
}
