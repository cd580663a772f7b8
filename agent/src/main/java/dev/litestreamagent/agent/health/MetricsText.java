package dev.litestreamagent.agent.health;

import dev.litestreamagent.supervisor.SupervisorState;
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
            db.lastUpload().ifPresent(t -> out.append("litestream_agent_last_upload_timestamp_seconds{db=\"")
                    .append(label(db.alias())).append("\"} ")
                    .append(String.format(Locale.ROOT, "%.3f", t.toEpochMilli() / 1000.0)).append('\n'));
        }
        return out.toString();
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
