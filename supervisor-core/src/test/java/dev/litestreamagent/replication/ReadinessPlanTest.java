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
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

/** Which databases each launch's config lists. */
@ExtendWith(LitestreamHarness.class)
class ReadinessPlanTest {

    private final FakeClock clock = new FakeClock();

    /** The setup for databases {@code aliases} (files ALIAS.db in the harness's directory, none created here). */
    private static LitestreamSetup setup(Harness harness, String... aliases) throws Exception {
        Map<String, String> settings = new HashMap<>(Map.of("litestream.bin-path", harness.binary().toString()));
        for (String alias : aliases) {
            settings.put("litestream.dbs." + alias + ".path", db(harness, alias).toString());
            settings.put("litestream.dbs." + alias + ".replica.type", "file");
            settings.put("litestream.dbs." + alias + ".replica.path", harness.tempDir().resolve("replica-" + alias).toString());
        }
        return LitestreamSetup.prepare(ConfigLoader.load(ConfigInput.of(null, settings, Map.of(), harness.tempDir(), null)));
    }

    private static Path db(Harness harness, String alias) {
        return harness.tempDir().resolve(alias + ".db");
    }

    /** A database in WAL mode whose schema is {@code tables} tables, as the application would leave it. */
    private static void schema(Path db, int tables) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            s.execute("PRAGMA journal_mode=WAL");
            for (int i = 0; i < tables; i++) {
                s.execute("CREATE TABLE IF NOT EXISTS t" + i + " (id INTEGER PRIMARY KEY)");
            }
        }
    }

    /** The config file of the plan under test, written from the whole setup as the agent writes it. */
    private GeneratedConfigFile file;

    @AfterEach
    void deleteConfigFile() throws Exception {
        if (file != null) {
            file.close();
        }
    }

    /** A plan in a JVM that started a second ago: a database changed since is the application's. */
    private ReadinessPlan plan(LitestreamSetup setup) throws Exception {
        return plan(setup, Instant.now().minusSeconds(1));
    }

    private ReadinessPlan plan(LitestreamSetup setup, Instant jvmStarted) throws Exception {
        file = GeneratedConfigFile.write(setup.rendered().yaml());
        return new ReadinessPlan(setup, file, clock, jvmStarted, LoggerFactory.getLogger(getClass()));
    }

    @Test
    void withNoDatabaseReadyTheConfigFileIsLeftAsItIs(Harness harness) throws Exception {
        LitestreamSetup setup = setup(harness, "app");
        ReadinessPlan plan = plan(setup);
        long modified = Files.getLastModifiedTime(file.path()).toMillis();
        for (int attempt = 0; attempt < 3; attempt++) {
            assertTrue(plan.prepare().isEmpty(), "a database without a schema was handed to Litestream");
        }
        assertEquals(setup.rendered().yaml(), Files.readString(file.path()), "the config was rewritten");
        assertEquals(modified, Files.getLastModifiedTime(file.path()).toMillis());
        assertFalse(plan.changed(false));
    }

    @Test
    void databasesCreatedOneAfterAnotherAreHandedOverTogetherInOneLaunch(Harness harness) throws Exception {
        ReadinessPlan plan = plan(setup(harness, "a", "b"));
        schema(db(harness, "a"), 1);
        assertFalse(plan.changed(false));
        clock.advance(Duration.ofMillis(600));
        schema(db(harness, "b"), 1);
        assertFalse(plan.changed(false));
        clock.advance(Duration.ofMillis(500));
        assertFalse(plan.changed(false), "a has settled, but b is still settling: one launch for both, not two");
        clock.advance(Duration.ofMillis(600));
        assertTrue(plan.changed(false));
        assertEquals(List.of(db(harness, "a"), db(harness, "b")), plan.prepare());
        assertFalse(plan.changed(false));
    }

    @Test
    void aSettledDatabaseWaitsForOthersAtMostTheBatchHold(Harness harness) throws Exception {
        ReadinessPlan plan = plan(setup(harness, "a", "b"));
        schema(db(harness, "a"), 1);
        schema(db(harness, "b"), 1);
        // b: a migration that never settles, a step every 0.5 s; a settles after 1 s
        for (long aSettledFor = -1000; aSettledFor < ReadinessPlan.BATCH_HOLD.toMillis(); aSettledFor += 500) {
            assertFalse(plan.changed(false), "a settled " + aSettledFor + " ms ago");
            clock.advance(Duration.ofMillis(500));
            schema(db(harness, "b"), (int) (aSettledFor / 500) + 4);
        }
        assertTrue(plan.changed(false), "a waited the whole batch hold");
        assertEquals(List.of(db(harness, "a")), plan.prepare());
        assertTrue(plan.changed(true), "at the final stop b counts, settled or not");
    }

    @Test
    void aDatabaseThatWasThereBeforeTheJvmStartedIsHandedOverAtOnceWhileAnotherSettles(Harness harness) throws Exception {
        LitestreamSetup setup = setup(harness, "a", "b");
        schema(db(harness, "a"), 1);
        ReadinessPlan plan = plan(setup, Instant.now().plusSeconds(1));
        schema(db(harness, "b"), 1);
        assertTrue(plan.changed(false), "a's rows are replicated from the first moment");
        assertEquals(List.of(db(harness, "a")), plan.prepare());
        assertFalse(plan.changed(false));
    }

    @Test
    void aDatabaseTheApplicationCreatedBeforeTheAgentFirstLookedSettlesAsANewOne(Harness harness) throws Exception {
        LitestreamSetup setup = setup(harness, "a");
        Instant jvmStarted = Instant.now().minusSeconds(1);
        schema(db(harness, "a"), 1); // the agent starts once main() runs: a migration may be under way by then
        ReadinessPlan plan = plan(setup, jvmStarted);
        assertEquals(List.of(db(harness, "a")), plan.waiting());
        schema(db(harness, "a"), 2); // the migration's next step
        assertFalse(plan.changed(false));
        clock.advance(Duration.ofMillis(900));
        assertFalse(plan.changed(false), "handed over in the middle of the migration");
        clock.advance(Duration.ofMillis(200));
        assertTrue(plan.changed(false));
    }
}
