package dev.litestreamagent.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.litestreamagent.verify.VerifyResult.Outcome;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class VerifyResultTest {
    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    private static VerifyResult on(String replica, Outcome outcome, String reason) {
        return new VerifyResult("app", Path.of("/data/app.db"), T, outcome, reason, Duration.ofSeconds(1)).forReplica(replica);
    }

    @Test
    void theDatabaseVerdictIsTheWorstReplicaOutcomeNamingEachReplica() {
        VerifyResult overall = VerifyResult.overall(List.of(on("a", Outcome.OUT_OF_SYNC, "row missing at the deadline"),
                on("b", Outcome.FAILED, "replica unreachable"), on("c", Outcome.IN_SYNC, "ok")));
        assertEquals(Outcome.FAILED, overall.outcome());
        assertEquals("replica a out of sync, replica b failed, replica c in sync; a: row missing at the deadline; "
                + "b: replica unreachable", overall.reason());
        assertEquals(Duration.ofSeconds(3), overall.duration(), "the whole round");
        assertEquals("app: failed after 3.00 s: " + overall.reason() + " (/data/app.db)", overall.toText(),
                "the database's verdict, no replica of its own");

        assertEquals(Outcome.OUT_OF_SYNC, VerifyResult.overall(List.of(on("a", Outcome.IN_SYNC, "ok"),
                on("b", Outcome.OUT_OF_SYNC, "row missing"))).outcome());
        VerifyResult inSync = VerifyResult.overall(List.of(on("a", Outcome.IN_SYNC, "row restored"), on("b", Outcome.IN_SYNC, "x")));
        assertEquals("every replica in sync (a, b): row restored", inSync.reason());
    }

    @Test
    void oneReplicasResultIsTheDatabasesAsItIs() {
        VerifyResult only = new VerifyResult("app", Path.of("/data/app.db"), T, Outcome.IN_SYNC, "ok", Duration.ZERO);
        assertSame(only, VerifyResult.overall(List.of(only)));
    }
}
