package dev.litestreamagent.sqlite;

/** What a database file says about its schema, as far as a reader outside SQLite can tell. */
public enum SchemaState {
    /** No file at the path. */
    MISSING,
    /** An empty file, or a database whose sqlite_master has no entries. */
    EMPTY,
    /** sqlite_master has at least one entry in the latest committed state. */
    HAS_SCHEMA,
    /** Cannot tell right now (a write is under way, or the file cannot be read): look again. */
    UNKNOWN,
    /** Not a plain SQLite database: another format, encrypted, or damaged. */
    NOT_SQLITE
}
