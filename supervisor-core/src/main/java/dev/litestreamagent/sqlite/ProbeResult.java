package dev.litestreamagent.sqlite;

import java.util.Objects;

/** A {@link SchemaState} and, for the log, what was seen. */
public final class ProbeResult {
    private final SchemaState state;
    private final String detail;

    ProbeResult(SchemaState state, String detail) {
        this.state = Objects.requireNonNull(state, "state");
        this.detail = Objects.requireNonNull(detail, "detail");
    }

    public SchemaState state() {
        return state;
    }

    /** What was seen, in words: "3 entries in sqlite_master", "page 1 starts with 'hello'". */
    public String detail() {
        return detail;
    }

    @Override
    public String toString() {
        return state + " (" + detail + ")";
    }
}
