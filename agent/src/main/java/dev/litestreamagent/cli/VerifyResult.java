package dev.litestreamagent.cli;

import java.util.Locale;

/** The outcome of verifying one database, for people (text) and monitoring (one JSON object). */
final class VerifyResult {
    enum Status {
        IN_SYNC("in_sync", "in sync"), OUT_OF_SYNC("out_of_sync", "out of sync"), FAILED("failed", "failed");

        private final String json;
        private final String text;

        Status(String json, String text) {
            this.json = json;
            this.text = text;
        }
    }

    private final DatabaseRef database;
    private final Status status;
    private final String reason;
    private final double seconds;

    VerifyResult(DatabaseRef database, Status status, String reason, double seconds) {
        this.database = database;
        this.status = status;
        this.reason = reason;
        this.seconds = seconds;
    }

    DatabaseRef database() {
        return database;
    }

    Status status() {
        return status;
    }

    String reason() {
        return reason;
    }

    double seconds() {
        return seconds;
    }

    String toText() {
        return database.alias() + ": " + status.text + " after " + formatSeconds() + " s: " + reason + " (" + database.path() + ")";
    }

    String toJson() {
        return "{\"database\":" + quote(database.alias()) + ",\"path\":" + quote(database.path().toString())
                + ",\"status\":" + quote(status.json) + ",\"reason\":" + quote(reason) + ",\"seconds\":" + formatSeconds() + "}";
    }

    private String formatSeconds() {
        return String.format(Locale.ROOT, "%.2f", seconds);
    }

    static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"':
                    out.append("\\\"");
                    break;
                case '\\':
                    out.append("\\\\");
                    break;
                case '\n':
                    out.append("\\n");
                    break;
                case '\r':
                    out.append("\\r");
                    break;
                case '\t':
                    out.append("\\t");
                    break;
                default:
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
            }
        }
        return out.append('"').toString();
    }
}
