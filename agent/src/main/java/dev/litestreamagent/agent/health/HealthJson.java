package dev.litestreamagent.agent.health;

import dev.litestreamagent.json.JsonText;
import dev.litestreamagent.verify.VerificationRecord;
import dev.litestreamagent.verify.VerifyResult;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The JSON body of {@code /health} and {@code /readyz}, and the status file's content: one object,
 * figures a probe or a person can read. {@code agentPid} and {@code takenAt} say which JVM wrote it
 * and when, so a reader of the file can tell a live agent's document from a dead one's.
 */
final class HealthJson {
    private static final long AGENT_PID = ProcessHandle.current().pid();

    private HealthJson() {
    }

    static String render(HealthSnapshot s) {
        StringBuilder out = new StringBuilder(256).append('{');
        field(out, "status", JsonText.quote(s.healthy() ? "ok" : "unavailable")).append(',');
        field(out, "problems", strings(s.problems())).append(',');
        field(out, "state", JsonText.quote(s.state().name())).append(',');
        field(out, "pid", s.pid().isPresent() ? Long.toString(s.pid().getAsLong()) : "null").append(',');
        field(out, "restarts", Integer.toString(s.restarts())).append(',');
        field(out, "resyncs", Integer.toString(s.resyncs())).append(',');
        field(out, "lastExitCode", s.lastExitCode().isPresent() ? Integer.toString(s.lastExitCode().getAsInt()) : "null")
                .append(',');
        field(out, "lastError", s.lastError().map(JsonText::quote).orElse("null")).append(',');
        field(out, "agentPid", Long.toString(AGENT_PID)).append(',');
        field(out, "takenAt", JsonText.quote(s.takenAt().toString())).append(',');
        out.append("\"databases\":[");
        List<DatabaseHealth> dbs = s.databases();
        for (int i = 0; i < dbs.size(); i++) {
            DatabaseHealth db = dbs.get(i);
            out.append(i == 0 ? "{" : ",{");
            field(out, "alias", JsonText.quote(db.alias())).append(',');
            field(out, "path", JsonText.quote(db.path().toString())).append(',');
            field(out, "replicating", Boolean.toString(db.replicating())).append(',');
            Optional<Instant> upload = db.lastUpload();
            field(out, "lastUpload", upload.map(t -> JsonText.quote(t.toString())).orElse("null")).append(',');
            field(out, "lastUploadAgeSeconds", upload.map(t -> seconds(Duration.between(t, s.takenAt()))).orElse("null"))
                    .append(',');
            field(out, "lastVerify", db.verification().map(HealthJson::verification).orElse("null"));
            out.append('}');
        }
        return out.append("]}\n").toString();
    }

    /**
     * The latest scheduled verification: when it started, what it found, how long it took and why; with several
     * replicas, the worst of theirs and then each replica's own.
     */
    private static String verification(VerificationRecord record) {
        StringBuilder out = new StringBuilder("{");
        result(out, record.last()).append(',');
        field(out, "lastSuccess", record.lastSuccess().map(t -> JsonText.quote(t.toString())).orElse("null"));
        List<VerifyResult> replicas = record.replicas();
        if (!replicas.isEmpty()) {
            out.append(",\"replicas\":[");
            for (int i = 0; i < replicas.size(); i++) {
                out.append(i == 0 ? "{" : ",{");
                field(out, "name", JsonText.quote(replicas.get(i).replica().orElse(""))).append(',');
                result(out, replicas.get(i)).append('}');
            }
            out.append(']');
        }
        return out.append('}').toString();
    }

    private static StringBuilder result(StringBuilder out, VerifyResult result) {
        field(out, "time", JsonText.quote(result.time().toString())).append(',');
        field(out, "outcome", JsonText.quote(result.outcome().label())).append(',');
        field(out, "durationSeconds", seconds(result.duration())).append(',');
        return field(out, "reason", JsonText.quote(result.reason()));
    }

    private static StringBuilder field(StringBuilder out, String name, String json) {
        return out.append('"').append(name).append("\":").append(json);
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.3f", Math.max(0, d.toMillis()) / 1000.0);
    }

    private static String strings(List<String> values) {
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < values.size(); i++) {
            out.append(i == 0 ? "" : ",").append(JsonText.quote(values.get(i)));
        }
        return out.append(']').toString();
    }
}
