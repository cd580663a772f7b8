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

    /** A plan in a JVM that started a second ago: a database changed since is the application's. */
    private ReadinessPlan plan(LitestreamSetup setup, GeneratedConfigFile file) {
        return plan(setup, file, Instant.now().minusSeconds(1));
    }

    private ReadinessPlan plan(LitestreamSetup setup, GeneratedConfigFile file, Instant jvmStarted) {
        return new ReadinessPlan(setup, file, clock, jvmStarted, LoggerFactory.getLogger(getClass()));
    }

    @Test
    void withNoDatabaseReadyTheConfigFileIsLeftAsItIs(Harness harness) throws Exception {
        LitestreamSetup setup = setup(harness, "app");
        try (GeneratedConfigFile file = GeneratedConfigFile.write(setup.rendered().yaml())) {
            ReadinessPlan plan = plan(setup, file);
            long modified = Files.getLastModifiedTime(file.path()).toMillis();
            for (int attempt = 0; attempt < 3; attempt++) {
                assertTrue(plan.prepare().isEmpty(), "a database without a schema was handed to Litestream");
            }
            assertEquals(setup.rendered().yaml(), Files.readString(file.path()), "the config was rewritten");
            assertEquals(modified, Files.getLastModifiedTime(file.path()).toMillis());
            assertFalse(plan.changed(false));
        }
    }

    @Test
    void databasesCreatedOneAfterAnotherAreHandedOverTogetherInOneLaunch(Harness harness) throws Exception {
        LitestreamSetup setup = setup(harness, "a", "b");
        try (GeneratedConfigFile file = GeneratedConfigFile.write(setup.rendered().yaml())) {
            ReadinessPlan plan = plan(setup, file);
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
    }

    @Test
    void aSettledDatabaseWaitsForOthersAtMostTheBatchHold(Harness harness) throws Exception {
        LitestreamSetup setup = setup(harness, "a", "b");
        try (GeneratedConfigFile file = GeneratedConfigFile.write(setup.rendered().yaml())) {
            ReadinessPlan plan = plan(setup, file);
            schema(db(harness, "a"), 1);
            plan.changed(false);
            clock.advance(Duration.ofSeconds(1));
            int tables = 1;
            for (long held = 0; held < ReadinessPlan.BATCH_HOLD.toMillis(); held += 500) {
                schema(db(harness, "b"), tables++); // a migration that never settles
                assertFalse(plan.changed(false), "after " + held + " ms");
                clock.advance(Duration.ofMillis(500));
            }
            schema(db(harness, "b"), tables);
            assertTrue(plan.changed(false), "a waited the whole batch hold");
            assertEquals(List.of(db(harness, "a")), plan.prepare());
            assertTrue(plan.changed(true), "at the final stop b counts, settled or not");
        }
    }

    @Test
    void aDatabaseThatWasThereBeforeTheJvmStartedIsHandedOverAtOnceWhileAnotherSettles(Harness harness) throws Exception {
        LitestreamSetup setup = setup(harness, "a", "b");
        schema(db(harness, "a"), 1);
        try (GeneratedConfigFile file = GeneratedConfigFile.write(setup.rendered().yaml())) {
            ReadinessPlan plan = plan(setup, file, Instant.now().plusSeconds(1));
            schema(db(harness, "b"), 1);
            assertTrue(plan.changed(false), "a's rows are replicated from the first moment");
            assertEquals(List.of(db(harness, "a")), plan.prepare());
            assertFalse(plan.changed(false));
        }
    }

    @Test
    void aDatabaseTheApplicationCreatedBeforeTheAgentFirstLookedSettlesAsANewOne(Harness harness) throws Exception {
        LitestreamSetup setup = setup(harness, "a");
        Instant jvmStarted = Instant.now().minusSeconds(1);
        schema(db(harness, "a"), 1); // the agent starts once main() runs: a migration may be under way by then
        try (GeneratedConfigFile file = GeneratedConfigFile.write(setup.rendered().yaml())) {
            ReadinessPlan plan = plan(setup, file, jvmStarted);
            assertEquals(List.of(db(harness, "a")), plan.waiting());
            schema(db(harness, "a"), 2); // the migration's next step
            assertFalse(plan.changed(false));
            clock.advance(Duration.ofMillis(900));
            assertFalse(plan.changed(false), "handed over in the middle of the migration");
            clock.advance(Duration.ofMillis(200));
            assertTrue(plan.changed(false));
        }
    }
}
