package dev.litestreamagent.agent.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.litestreamagent.supervisor.SupervisorState;
import dev.litestreamagent.verify.VerificationLog;
import dev.litestreamagent.verify.VerifyResult;
import dev.litestreamagent.verify.VerifyResult.Outcome;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class HealthRenderingTest {
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant NOW = START.plusSeconds(600);
    private static final Duration LIMIT = Duration.ofSeconds(60);

    private static DatabaseHealth db(String alias, boolean replicating, Instant upload, Instant write) {
        return new DatabaseHealth(alias, Path.of("/data/" + alias + ".db"), replicating, Optional.ofNullable(upload),
                Optional.ofNullable(write), Optional.empty());
    }

    private static HealthSnapshot snapshot(SupervisorState state, DatabaseHealth... dbs) {
        return new HealthSnapshot(state, OptionalLong.of(42), 3, 1, OptionalInt.of(2),
                Optional.of("Litestream exited unexpectedly with code 2 after 10 ms"), List.of(dbs), NOW, START, LIMIT);
    }

    @Test
    void runningWithRecentUploadsIsHealthyAndTheJsonCarriesEveryFigure() {
        HealthSnapshot s = snapshot(SupervisorState.RUNNING, db("app", true, NOW.minusMillis(1500), NOW.minusSeconds(2)),
                db("later", false, null, NOW.minusSeconds(1)));
        assertTrue(s.healthy(), s.problems().toString());
        assertEquals("{\"status\":\"ok\",\"problems\":[],\"state\":\"RUNNING\",\"pid\":42,\"restarts\":3,\"resyncs\":1,"
                + "\"lastExitCode\":2,\"lastError\":\"Litestream exited unexpectedly with code 2 after 10 ms\","
                + "\"agentPid\":" + ProcessHandle.current().pid() + ",\"takenAt\":\"2026-01-01T00:10:00Z\","
                + "\"databases\":[{\"alias\":\"app\",\"path\":\"/data/app.db\",\"replicating\":true,"
                + "\"lastUpload\":\"2026-01-01T00:09:58.500Z\",\"lastUploadAgeSeconds\":1.500,\"lastVerify\":null},"
                + "{\"alias\":\"later\",\"path\":\"/data/later.db\",\"replicating\":false,\"lastUpload\":null,"
                + "\"lastUploadAgeSeconds\":null,\"lastVerify\":null}]}\n", HealthJson.render(s));
    }

    @Test
    void backoffFailedStartingAndStoppedAreUnavailable() {
        for (SupervisorState state : List.of(SupervisorState.BACKOFF, SupervisorState.FAILED, SupervisorState.STARTING,
                SupervisorState.STOPPED)) {
            HealthSnapshot s = snapshot(state);
            assertFalse(s.healthy(), state.name());
            assertTrue(HealthJson.render(s).startsWith("{\"status\":\"unavailable\",\"problems\":[\""), state.name());
        }
        assertTrue(snapshot(SupervisorState.WAITING, db("new", false, null, NOW)).healthy(),
                "waiting for a schema: nothing to replicate yet");
    }

    @Test
    void writesLeftUnuploadedLongerThanTheLimitMakeADatabaseBehind() {
        DatabaseHealth stalled = db("app", true, NOW.minusSeconds(61), NOW.minusSeconds(1));
        HealthSnapshot s = snapshot(SupervisorState.RUNNING, stalled);
        assertEquals(List.of("app: written since its last upload, which is more than 60 s ago"), s.problems());

        assertTrue(snapshot(SupervisorState.RUNNING, db("idle", true, NOW.minusSeconds(3600), NOW.minusSeconds(3601)))
                .healthy(), "no write since an old upload: nothing to ship");
        assertTrue(snapshot(SupervisorState.RUNNING, db("busy", true, NOW.minusSeconds(59), NOW)).healthy(),
                "the last upload is recent");
        assertFalse(snapshot(SupervisorState.RUNNING, db("never", true, null, NOW.minusSeconds(5))).healthy(),
                "written, and no upload in the ten minutes since the start");
        assertTrue(snapshot(SupervisorState.RUNNING, db("waits", false, null, NOW)).healthy(),
                "not handed to Litestream yet");
    }

    private static DatabaseHealth verified(String alias, VerifyResult... rounds) {
        VerificationLog log = new VerificationLog();
        for (VerifyResult round : rounds) {
            log.record(round);
        }
        return new DatabaseHealth(alias, Path.of("/data/" + alias + ".db"), true, Optional.of(NOW.minusSeconds(1)),
                Optional.of(NOW.minusSeconds(2)), log.of(alias));
    }

    private static VerifyResult round(String alias, Instant time, Outcome outcome, String reason) {
        return new VerifyResult(alias, Path.of("/data/" + alias + ".db"), time, outcome, reason, Duration.ofMillis(1250));
    }

    @Test
    void aFailingScheduledVerificationMakesTheDatabaseAProblemAndIsReportedInJsonAndMetrics() {
        Instant first = NOW.minusSeconds(120);
        Instant second = NOW.minusSeconds(20);
        DatabaseHealth failing = verified("app", round("app", first, Outcome.IN_SYNC, "verification row restored"),
                round("app", second, Outcome.FAILED, "replica unreachable: all 7 restores failed"));
        HealthSnapshot s = snapshot(SupervisorState.RUNNING, failing);
        assertEquals(List.of("app: the verification at 2026-01-01T00:09:40Z found it failed: "
                + "replica unreachable: all 7 restores failed"), s.problems());
        assertTrue(HealthJson.render(s).contains("\"lastVerify\":{\"time\":\"2026-01-01T00:09:40Z\",\"outcome\":\"failed\","
                + "\"durationSeconds\":1.250,\"reason\":\"replica unreachable: all 7 restores failed\","
                + "\"lastSuccess\":\"2026-01-01T00:08:01.250Z\"}"), HealthJson.render(s));

        String text = MetricsText.render(s);
        assertTrue(text.contains("litestream_agent_verifications_total{db=\"app\",outcome=\"in_sync\"} 1\n"), text);
        assertTrue(text.contains("litestream_agent_verifications_total{db=\"app\",outcome=\"failed\"} 1\n"), text);
        assertTrue(text.contains("litestream_agent_verifications_total{db=\"app\",outcome=\"out_of_sync\"} 0\n"), text);
        assertTrue(text.contains("litestream_agent_verify_last_duration_seconds{db=\"app\"} 1.250\n"), text);
        assertTrue(text.contains("litestream_agent_verify_last_success_timestamp_seconds{db=\"app\"} 1767226081.250\n"),
                text);
        PrometheusFormat.check(text);

        assertTrue(snapshot(SupervisorState.RUNNING, verified("app", round("app", second, Outcome.SKIPPED,
                "application has not loaded sqlite-jdbc yet"))).healthy(), "a skipped round proves nothing either way");
        assertTrue(snapshot(SupervisorState.RUNNING, verified("app", round("app", first, Outcome.OUT_OF_SYNC, "row missing"),
                round("app", second, Outcome.IN_SYNC, "verification row restored"))).healthy(), "the next success clears it");
    }

    @Test
    void withTwoReplicasOneFailingTheDatabaseFailsAndEachReplicaIsReportedInJsonAndMetrics() {
        Instant time = NOW.minusSeconds(20);
        VerificationLog log = new VerificationLog();
        log.record(List.of(round("app", time, Outcome.IN_SYNC, "verification row restored, integrity_check ok").forReplica("file"),
                round("app", time.plusMillis(1250), Outcome.FAILED, "replica unreachable: all 7 restores failed").forReplica("s3")));
        DatabaseHealth app = new DatabaseHealth("app", Path.of("/data/app.db"), true, Optional.of(NOW.minusSeconds(1)),
                Optional.of(NOW.minusSeconds(2)), log.of("app"));
        HealthSnapshot s = snapshot(SupervisorState.RUNNING, app, verified("solo", round("solo", time, Outcome.IN_SYNC,
                "verification row restored, integrity_check ok")));

        String reason = "replica file in sync, replica s3 failed; s3: replica unreachable: all 7 restores failed";
        assertEquals(List.of("app: the verification at 2026-01-01T00:09:40Z found it failed: " + reason), s.problems());
        String json = HealthJson.render(s);
        assertTrue(json.contains("\"lastVerify\":{\"time\":\"2026-01-01T00:09:40Z\",\"outcome\":\"failed\","
                + "\"durationSeconds\":2.500,\"reason\":\"" + reason + "\",\"lastSuccess\":null,\"replicas\":["
                + "{\"name\":\"file\",\"time\":\"2026-01-01T00:09:40Z\",\"outcome\":\"in_sync\",\"durationSeconds\":1.250,"
                + "\"reason\":\"verification row restored, integrity_check ok\"},"
                + "{\"name\":\"s3\",\"time\":\"2026-01-01T00:09:41.250Z\",\"outcome\":\"failed\",\"durationSeconds\":1.250,"
                + "\"reason\":\"replica unreachable: all 7 restores failed\"}]}"), json);
        assertTrue(json.contains("\"lastVerify\":{\"time\":\"2026-01-01T00:09:40Z\",\"outcome\":\"in_sync\","
                + "\"durationSeconds\":1.250,\"reason\":\"verification row restored, integrity_check ok\","
                + "\"lastSuccess\":\"2026-01-01T00:09:41.250Z\"}}"), "one replica: no list, as before: " + json);

        String text = MetricsText.render(s);
        assertTrue(text.contains("litestream_agent_verifications_total{db=\"app\",outcome=\"failed\"} 1\n"), text);
        assertTrue(text.contains("litestream_agent_verify_replica_in_sync{db=\"app\",replica=\"file\"} 1\n"), text);
        assertTrue(text.contains("litestream_agent_verify_replica_in_sync{db=\"app\",replica=\"s3\"} 0\n"), text);
        assertFalse(text.contains("litestream_agent_verify_replica_in_sync{db=\"solo\""), "one replica: no replica label: " + text);
        PrometheusFormat.check(text);
    }

    @Test
    void metricsListEveryFamilyWithHelpAndTypeAndOneSamplePerStateAndUploadedDatabase() {
        HealthSnapshot s = snapshot(SupervisorState.BACKOFF, db("app", true, Instant.ofEpochMilli(1_767_225_599_250L),
                null), db("fresh", true, null, null));
        String text = MetricsText.render(s);
        assertTrue(text.contains("# TYPE litestream_agent_up gauge\nlitestream_agent_up 0\n"), text);
        assertTrue(text.contains("litestream_agent_state{state=\"BACKOFF\"} 1\n"), text);
        assertTrue(text.contains("litestream_agent_state{state=\"RUNNING\"} 0\n"), text);
        assertTrue(text.contains("# TYPE litestream_agent_restarts_total counter\nlitestream_agent_restarts_total 3\n"),
                text);
        assertTrue(text.contains("# TYPE litestream_agent_resyncs_total counter\nlitestream_agent_resyncs_total 1\n"),
                text);
        assertTrue(text.contains("litestream_agent_last_upload_timestamp_seconds{db=\"app\"} 1767225599.250\n"), text);
        assertFalse(text.contains("db=\"fresh\""), "no sample before the first upload: " + text);
        PrometheusFormat.check(text);
    }
}
