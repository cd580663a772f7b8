package dev.litestreamagent.cli.command;

import dev.litestreamagent.fs.UntrustedText;
import dev.litestreamagent.json.JsonText;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Renders {@code status}: a table with one row per database and a note per fact a table cannot hold
 * (why it is not replicated, the last error, the agent's problems), or one JSON document. Text from
 * the status file is another process's: control characters never reach the terminal. Plain loops and
 * conditionals, no lambdas, streams, Formatter or regex: each costs a cold {@code status} milliseconds.
 */
final class StatusReport {
    private static final int MAX_TEXT = 300;
    /** What a line's end loses: the characters of regex {@code \\s}, padding and any a cell ends with. */
    private static final String TRAILING_SPACE = " \t\n\u000B\f\r";
    private static final String[] HEADER = {"DB", "STATE", "REPLICATOR", "LAST UPLOAD", "RESTARTS", "RESYNCS",
        "LAST VERIFY"};

    private StatusReport() {
    }

    static String text(List<DatabaseStatus> statuses) {
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER);
        List<String> notes = new ArrayList<>();
        for (DatabaseStatus s : statuses) {
            boolean live = s.source() == DatabaseStatus.Source.LIVE;
            Optional<Duration> lastUpload = s.lastUploadAge();
            rows.add(new String[] {s.database().alias(), state(s), replicator(s),
                lastUpload.isPresent() ? ago(lastUpload.get()) : "-",
                s.agentText("restarts").orElse("-"), s.agentText("resyncs").orElse("-"),
                live ? lastVerify(s) : "-"});
            notes(s, notes);
        }
        StringBuilder out = table(rows);
        for (String note : notes) {
            out.append(note).append('\n');
        }
        return out.toString();
    }

    /**
     * {@code {"healthy":..,"databases":[..]}}: per database what the table shows, plus the agent's own
     * document ({@code agent}, without its database list) and this database's object in it ({@code health}),
     * passed on as written, so figures the agent adds appear here unchanged.
     */
    static String json(List<DatabaseStatus> statuses) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("healthy", DatabaseStatus.allHealthy(statuses));
        List<Object> databases = new ArrayList<>();
        for (DatabaseStatus s : statuses) {
            Map<String, Object> db = new LinkedHashMap<>();
            db.put("alias", s.database().alias());
            db.put("path", s.database().path().toString());
            db.put("healthy", s.healthy());
            db.put("source", s.source().name().toLowerCase(Locale.ROOT).replace('_', '-'));
            db.put("state", state(s));
            db.put("holder", s.holder().orElse(null));
            db.put("agentPid", s.agentPid().isPresent() ? s.agentPid().getAsLong() : null);
            db.put("litestreamPid", s.litestreamPid().isPresent() ? s.litestreamPid().getAsLong() : null);
            Optional<Duration> lastUpload = s.lastUploadAge();
            db.put("lastUploadAgeSeconds", lastUpload.isPresent() ? lastUpload.get().toMillis() / 1000.0 : null);
            Map<String, Object> agent = new LinkedHashMap<>(s.agent());
            agent.remove("databases");
            db.put("agent", agent.isEmpty() ? null : agent);
            db.put("health", s.entry().isEmpty() ? null : s.entry());
            databases.add(db);
        }
        root.put("databases", databases);
        return JsonText.write(root) + "\n";
    }

    private static String state(DatabaseStatus s) {
        switch (s.source()) {
            case LIVE:
                Optional<String> state = s.agentText("state");
                return Boolean.FALSE.equals(s.entry().get("replicating")) ? "WAITING"
                        : state.isPresent() ? UntrustedText.printable(state.get(), 20) : "UNKNOWN";
            case STALE:
                return "STALE";
            case LOCK_ONLY:
                return "REPLICATING";
            default:
                return "NOT REPLICATING";
        }
    }

    private static String replicator(DatabaseStatus s) {
        String litestream = s.litestreamPid().isPresent() ? "Litestream " + s.litestreamPid().getAsLong() : "";
        if (s.agentPid().isPresent()) {
            return "agent JVM " + s.agentPid().getAsLong() + (litestream.isEmpty() ? "" : ", " + litestream);
        }
        if (s.source() == DatabaseStatus.Source.LOCK_ONLY) {
            return s.holder().get() + (litestream.isEmpty() ? "" : " (" + litestream + ")");
        }
        return "none";
    }

    /** The last scheduled verification's outcome and age ({@code litestream.verify.interval}), or "-". */
    private static String lastVerify(DatabaseStatus s) {
        Object verify = s.entry().get("lastVerify");
        if (!(verify instanceof Map)) {
            return "-";
        }
        Map<?, ?> last = (Map<?, ?>) verify;
        String outcome = UntrustedText.printable(String.valueOf(last.get("outcome")), 20);
        Optional<Instant> time = DatabaseStatus.instant(last.get("time"));
        return time.isPresent() ? outcome + " " + ago(Duration.between(time.get(), s.now())) : outcome;
    }

    private static void notes(DatabaseStatus s, List<String> notes) {
        String name = s.database().alias() + ": ";
        switch (s.source()) {
            case NONE:
                notes.add(name + "nothing replicates " + s.database().path() + " (no process holds its lock)"
                        + (s.agent().isEmpty() ? "" : "; the agent's last status was written" + written(s))
                        + (s.litestreamPid().isPresent() ? "; its pid file names live process "
                                + s.litestreamPid().getAsLong() + " (its Litestream, ending or left behind)" : ""));
                break;
            case STALE:
                notes.add(name + "the agent (JVM " + s.agentPid().getAsLong() + ") holds the lock, but last wrote its"
                        + " status" + written(s) + ": hung, or unable to write " + s.database().path().getFileName()
                        + "'s state directory");
                break;
            case LOCK_ONLY:
                notes.add(name + "replicated by " + s.holder().get() + "; only an agent writes figures"
                        + " (state, uploads, restarts)");
                break;
            default:
                Optional<String> lastError = s.agentText("lastError");
                if (lastError.isPresent()) {
                    notes.add(name + "last error: " + UntrustedText.printable(lastError.get(), MAX_TEXT));
                }
                Object verify = s.entry().get("lastVerify");
                if (verify instanceof Map && !"in_sync".equals(((Map<?, ?>) verify).get("outcome"))
                        && ((Map<?, ?>) verify).get("reason") != null) {
                    notes.add(name + "last verify: " + UntrustedText.printable(
                            String.valueOf(((Map<?, ?>) verify).get("reason")), MAX_TEXT));
                }
                for (String problem : s.problems()) {
                    notes.add(name + "unhealthy: " + UntrustedText.printable(problem, MAX_TEXT));
                }
        }
    }

    /**
     * " at INSTANT (AGE)" when the agent's document was written, or "". Only for the notes that show it:
     * {@link Instant#toString} sets up {@code DateTimeFormatter}, milliseconds of a cold {@code status}.
     */
    private static String written(DatabaseStatus s) {
        Optional<Instant> takenAt = s.takenAt();
        return takenAt.isPresent() ? " at " + takenAt.get() + " (" + ago(Duration.between(takenAt.get(), s.now())) + ")"
                : "";
    }

    /**
     * "0.8 s ago", "42 s ago", "12 min ago", "3 h ago", "2 d ago". Tenths rounded half up by integer arithmetic,
     * as {@code %.1f} would: a Formatter's number formatting loads locale data, tens of milliseconds cold.
     */
    static String ago(Duration age) {
        long ms = Math.max(0, age.toMillis());
        if (ms < 10_000) {
            long tenths = (ms + 50) / 100;
            return tenths / 10 + "." + tenths % 10 + " s ago";
        }
        long s = ms / 1000;
        if (s < 120) {
            return s + " s ago";
        }
        if (s < 7200) {
            return s / 60 + " min ago";
        }
        return s < 172_800 ? s / 3600 + " h ago" : s / 86_400 + " d ago";
    }

    private static StringBuilder table(List<String[]> rows) {
        int[] widths = new int[HEADER.length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] row : rows) {
            int start = out.length();
            for (int i = 0; i < row.length; i++) {
                out.append(i == 0 ? "" : "  ").append(row[i]);
                for (int pad = row[i].length(); pad < widths[i]; pad++) {
                    out.append(' ');
                }
            }
            int end = out.length();
            while (end > start && TRAILING_SPACE.indexOf(out.charAt(end - 1)) >= 0) {
                end--;
            }
            out.setLength(end);
            out.append('\n');
        }
        return out;
    }
}
