package dev.litestreamagent.agent.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.litestreamagent.config.AgentConfig;
import dev.litestreamagent.config.ConfigInput;
import dev.litestreamagent.config.ConfigLoader;
import dev.litestreamagent.config.DatabaseConfig;
import dev.litestreamagent.exec.RunResult;
import dev.litestreamagent.supervisor.Clock;
import dev.litestreamagent.verify.RestoreRunner;
import dev.litestreamagent.verify.SqliteConnector;
import dev.litestreamagent.verify.VerificationLog;
import dev.litestreamagent.verify.VerificationRecord;
import dev.litestreamagent.verify.VerifyResult.Outcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.helpers.NOPLogger;

/** The schedule on a fake clock: no test here waits for real time. */
class ScheduledVerificationTest {
    private static final Duration INTERVAL = Duration.ofMinutes(5);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final SqliteConnector SQLITE = path -> DriverManager.getConnection("jdbc:sqlite:" + path);

    @TempDir
    Path dir;
    private final StoppingClock clock = new StoppingClock();
    private final VerificationLog log = new VerificationLog();
    /** The restores in the order they ran: database file name at fake time (ms). */
    private final List<String> restores = new ArrayList<>();
    private final Set<String> unreachable = new HashSet<>();
    private final Set<String> notHandedOver = new HashSet<>();
    private List<DatabaseConfig> databases;

    @BeforeEach
    void databases() throws Exception {
        Map<String, String> props = new HashMap<>();
        for (String alias : List.of("orders", "users")) {
            Path db = dir.resolve(alias + ".db");
            try (Connection c = SQLITE.open(db); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE t (x)");
            }
            props.put("litestream.dbs." + alias + ".path", db.toString());
            props.put("litestream.dbs." + alias + ".replica.type", "file");
            props.put("litestream.dbs." + alias + ".replica.path", dir.resolve("replica-" + alias).toString());
        }
        AgentConfig config = ConfigLoader.load(ConfigInput.of(null, props, Map.of(), dir, null));
        databases = config.databases();
    }

    @Test
    void aRoundRunsEveryIntervalAndVerifiesOneDatabaseAfterTheOther() {
        clock.stopAtSleep(4); // three rounds
        schedule(Optional.of(SQLITE)).run();

        assertEquals(List.of("orders.db@300000", "users.db@300300", "orders.db@600000", "users.db@600300",
                "orders.db@900000", "users.db@900300"), restores,
                "one database after the other, each round an interval after the previous one began");
        for (String alias : List.of("orders", "users")) {
            VerificationRecord record = log.of(alias).orElseThrow();
            assertEquals(Outcome.IN_SYNC, record.last().outcome(), record.last().reason());
            assertEquals(3L, record.counts().get(Outcome.IN_SYNC));
            assertTrue(record.lastSuccess().isPresent());
        }
        assertEquals(List.of(), rows("orders"), "every verification deleted its row");
    }

    @Test
    void aRoundThatTookLongerThanTheIntervalIsFollowedAtOnce() {
        clock.stopAtSleep(2);
        clock.restoreTakes = INTERVAL; // both databases: two intervals
        schedule(Optional.of(SQLITE)).run();
        assertEquals(List.of(INTERVAL, Duration.ZERO), clock.scheduleSleeps, "no wait after a long round");
    }

    @Test
    void withoutTheApplicationsDriverTheRoundIsSkippedWithTheReason() {
        clock.stopAtSleep(2);
        schedule(Optional.empty()).run();
        VerificationRecord record = log.of("orders").orElseThrow();
        assertEquals(Outcome.SKIPPED, record.last().outcome());
        assertEquals("application has not loaded sqlite-jdbc yet", record.last().reason());
        assertEquals(List.of(), restores, "nothing written or restored");
    }

    @Test
    void anUnreachableReplicaFailsWithTheReasonAndTheOtherDatabaseIsStillVerified() {
        unreachable.add("orders.db");
        notHandedOver.add("users");
        clock.stopAtSleep(2);
        schedule(Optional.of(SQLITE)).run();

        VerificationRecord orders = log.of("orders").orElseThrow();
        assertEquals(Outcome.FAILED, orders.last().outcome());
        assertTrue(orders.last().reason().startsWith("replica unreachable: all "), orders.last().reason());
        assertTrue(orders.last().reason().contains("no such replica directory"), orders.last().reason());
        assertEquals(Optional.empty(), orders.lastSuccess());
        assertEquals(List.of(), rows("orders"), "the row is deleted after a failed proof too");
        VerificationRecord users = log.of("users").orElseThrow();
        assertEquals(Outcome.SKIPPED, users.last().outcome());
        assertTrue(users.last().reason().contains("waiting for the application's schema"), users.last().reason());
    }

    @Test
    void aDatabaseWithSeveralReplicasIsVerifiedOnEachAndAFailingOneIsNamed() throws Exception {
        Path db = dir.resolve("app.db");
        try (Connection c = SQLITE.open(db); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (x)");
        }
        Map<String, String> props = new HashMap<>();
        props.put("litestream.dbs.app.path", db.toString());
        for (String replica : List.of("local", "remote")) {
            props.put("litestream.dbs.app.replicas." + replica + ".type", "file");
            props.put("litestream.dbs.app.replicas." + replica + ".path", dir.resolve("replica-" + replica).toString());
        }
        databases = ConfigLoader.load(ConfigInput.of(null, props, Map.of(), dir, null)).databases();
        unreachable.add("app.db/remote");
        clock.stopAtSleep(2);
        schedule(Optional.of(SQLITE)).run();

        assertEquals(List.of("app.db/local@300000", "app.db/remote@300300"), restores.subList(0, 2),
                "each replica restored on its own, one after the other");
        VerificationRecord app = log.of("app").orElseThrow();
        assertEquals(Outcome.FAILED, app.last().outcome(), "one failing replica fails the database");
        assertTrue(app.last().reason().startsWith("replica local in sync, replica remote failed; remote: replica unreachable: all "),
                app.last().reason());
        assertEquals(List.of("local", "remote"),
                app.replicas().stream().map(r -> r.replica().orElseThrow()).collect(Collectors.toList()));
        assertEquals(List.of(Outcome.IN_SYNC, Outcome.FAILED),
                app.replicas().stream().map(r -> r.outcome()).collect(Collectors.toList()));
        assertEquals(1L, app.counts().get(Outcome.FAILED), "one round, counted once");
        assertEquals(0L, app.counts().get(Outcome.IN_SYNC));
        assertEquals(List.of(), rows("app"), "every replica's verification deleted its row");
    }

    @Test
    void itsThreadIsADaemonThatStopEnds() throws Exception {
        ScheduledVerification scheduled = new ScheduledVerification(databases, INTERVAL, TIMEOUT, Optional::empty,
                replica -> (database, output, timeout) -> new RunResult(0, "", false), null, log, Clock.SYSTEM,
                NOPLogger.NOP_LOGGER);
        scheduled.start();
        Thread thread = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("litestream-agent-verify")).findFirst().orElseThrow();
        assertTrue(thread.isDaemon(), "it never keeps the JVM alive");
        scheduled.stop();
        assertFalse(thread.isAlive(), "stopped at once, mid-interval");
        assertEquals(Optional.empty(), log.of("orders"), "no round before the first interval passed");
    }

    private ScheduledVerification schedule(Optional<SqliteConnector> sqlite) {
        Function<String, RestoreRunner> restore = replica -> (database, output, timeout) -> {
            String name = database.getFileName().toString() + (replica.isEmpty() ? "" : "/" + replica);
            restores.add(name + "@" + clock.nanos / 1_000_000);
            clock.nanos += clock.restoreTakes.toNanos();
            if (unreachable.contains(name)) {
                return new RunResult(1, "cannot open file: no such replica directory", false);
            }
            Files.copy(database, output, StandardCopyOption.REPLACE_EXISTING);
            return new RunResult(0, "", false);
        };
        ScheduledVerification.Replicating replicating = new ScheduledVerification.Replicating() {
            @Override
            public boolean handedOver(DatabaseConfig database) {
                return !notHandedOver.contains(database.alias());
            }

            @Override
            public boolean running(DatabaseConfig database) {
                return true;
            }
        };
        return new ScheduledVerification(databases, INTERVAL, TIMEOUT, () -> sqlite, restore, replicating, log, clock,
                NOPLogger.NOP_LOGGER);
    }

    private List<String> rows(String alias) {
        List<String> tokens = new ArrayList<>();
        try (Connection c = SQLITE.open(dir.resolve(alias + ".db")); Statement s = c.createStatement();
                var rs = s.executeQuery("SELECT token FROM _litestream_agent_verification")) {
            while (rs.next()) {
                tokens.add(rs.getString(1));
            }
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
        return tokens;
    }

    /**
     * Time moves only when slept, or when a restore says it took long. The schedule's Nth sleep is an
     * interrupt (a stop); verify's own backoff sleeps (at most 1 s, never zero) are not counted.
     */
    private static final class StoppingClock implements Clock {
        long nanos;
        Duration restoreTakes = Duration.ofMillis(300);
        final List<Duration> scheduleSleeps = new ArrayList<>();
        private int stopAt = Integer.MAX_VALUE;

        void stopAtSleep(int n) {
            stopAt = n;
        }

        @Override
        public long nanoTime() {
            return nanos;
        }

        @Override
        public void sleep(Duration duration) throws InterruptedException {
            if (duration.compareTo(Duration.ofSeconds(1)) > 0 || duration.isZero()) {
                scheduleSleeps.add(duration);
                if (--stopAt == 0) {
                    throw new InterruptedException("stop");
                }
            }
            nanos += duration.toNanos();
        }
    }
}
