package dev.litestreamagent.agent.health;

import dev.litestreamagent.supervisor.SupervisorState;
import dev.litestreamagent.verify.VerificationRecord;
import dev.litestreamagent.verify.VerifyResult.Outcome;
import java.util.Locale;

/** {@code /metrics}: the agent's figures in the Prometheus text format 0.0.4. */
final class MetricsText {
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private MetricsText() {
    }

    static String render(HealthSnapshot s) {
        StringBuilder out = new StringBuilder(1024);
        family(out, "litestream_agent_up", "gauge",
                "1 when replication is healthy (what /readyz answers 200 for), else 0.");
        sample(out, "litestream_agent_up", "", s.healthy() ? 1 : 0);
        family(out, "litestream_agent_state", "gauge", "The supervisor's state: 1 for the current one, 0 for the others.");
        for (SupervisorState state : SupervisorState.values()) {
            sample(out, "litestream_agent_state", "state=\"" + state.name() + "\"", s.state() == state ? 1 : 0);
        }
        family(out, "litestream_agent_restarts_total", "counter",
                "Restarts of Litestream after it exited unexpectedly.");
        sample(out, "litestream_agent_restarts_total", "", s.restarts());
        family(out, "litestream_agent_resyncs_total", "counter",
                "Planned restarts of Litestream (replication errors, a stuck upload, a database to add).");
        sample(out, "litestream_agent_resyncs_total", "", s.resyncs());
        family(out, "litestream_agent_last_upload_timestamp_seconds", "gauge",
                "When Litestream last finished an upload of the database (Unix time); absent before the first.");
        for (DatabaseHealth db : s.databases()) {
            db.lastUpload().ifPresent(t -> decimal(out, "litestream_agent_last_upload_timestamp_seconds", db.alias(),
                    t.toEpochMilli() / 1000.0));
        }
        verifications(out, s);
        return out.toString();
    }

    /** The scheduled verifications' figures; a database has samples once its first round ended. */
    private static void verifications(StringBuilder out, HealthSnapshot s) {
        family(out, "litestream_agent_verifications_total", "counter",
                "Scheduled verifications of the database (litestream.verify.interval), by outcome.");
        for (DatabaseHealth db : s.databases()) {
            db.verification().ifPresent(v -> v.counts().forEach((outcome, count) -> sample(out,
                    "litestream_agent_verifications_total", "db=\"" + label(db.alias()) + "\",outcome=\"" + outcome.label()
                            + "\"", count)));
        }
        family(out, "litestream_agent_verify_last_duration_seconds", "gauge",
                "How long the database's latest scheduled verification took.");
        for (DatabaseHealth db : s.databases()) {
            db.verification().ifPresent(v -> decimal(out, "litestream_agent_verify_last_duration_seconds", db.alias(),
                    v.last().duration().toMillis() / 1000.0));
        }
        family(out, "litestream_agent_verify_replica_in_sync", "gauge", "1 when the latest scheduled verification found"
                + " the replica in sync, else 0; only for a database with several replicas, each verified on its own.");
        for (DatabaseHealth db : s.databases()) {
            db.verification().ifPresent(v -> v.replicas().forEach(r -> sample(out, "litestream_agent_verify_replica_in_sync",
                    "db=\"" + label(db.alias()) + "\",replica=\"" + label(r.replica().orElse("")) + "\"",
                    r.outcome() == Outcome.IN_SYNC ? 1 : 0)));
        }
        family(out, "litestream_agent_verify_last_success_timestamp_seconds", "gauge",
                "When the database's latest in-sync scheduled verification finished (Unix time); absent before the first.");
        for (DatabaseHealth db : s.databases()) {
            db.verification().flatMap(VerificationRecord::lastSuccess).ifPresent(t -> decimal(out,
                    "litestream_agent_verify_last_success_timestamp_seconds", db.alias(), t.toEpochMilli() / 1000.0));
        }
    }

    private static void decimal(StringBuilder out, String name, String db, double value) {
        out.append(name).append("{db=\"").append(label(db)).append("\"} ")
                .append(String.format(Locale.ROOT, "%.3f", value)).append('\n');
    }

    private static void family(StringBuilder out, String name, String type, String help) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private static void sample(StringBuilder out, String name, String labels, long value) {
        out.append(name);
        if (!labels.isEmpty()) {
            out.append('{').append(labels).append('}');
        }
        out.append(' ').append(value).append('\n');
    }

    /** Label values escape backslash, quote and newline. */
    private static String label(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
