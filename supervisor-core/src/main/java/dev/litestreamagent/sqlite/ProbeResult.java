package dev.litestreamagent.sqlite;

import java.util.Objects;

/** A {@link SchemaState}, the schema cookie where page 1 was read, and, for the log, what was seen. */
public final class ProbeResult {
    private final SchemaState state;
    private final String detail;
    private final long schemaCookie;

    ProbeResult(SchemaState state, String detail) {
        this(state, detail, -1);
    }

    ProbeResult(SchemaState state, String detail, long schemaCookie) {
        this.state = Objects.requireNonNull(state, "state");
        this.detail = Objects.requireNonNull(detail, "detail");
        this.schemaCookie = schemaCookie;
    }

    /**
     * The header's schema cookie, which SQLite changes with every change of the schema (a table,
     * an index, a column); -1 where page 1 was not read.
     */
    public long schemaCookie() {
        return schemaCookie;
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
