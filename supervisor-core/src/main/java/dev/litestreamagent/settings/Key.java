package dev.litestreamagent.settings;

import java.util.Objects;

/**
 * One setting, declared once in {@link Keys}: its name, its value type, its default and a line of
 * documentation. Immutable.
 */
public final class Key<T> {
    /** Where a key lives, which decides its full name and its environment variable. */
    public enum Scope {
        /** {@code litestream.<name>}: exactly one environment variable. */
        TOP_LEVEL,
        /** {@code litestream.dbs.<alias>.<name>}, read by the agent. */
        DATABASE,
        /** {@code litestream.dbs.<alias>.<name>}, checked and passed to Litestream as written. */
        DATABASE_LITESTREAM
    }

    private final Scope scope;
    private final String name;
    private final ValueType<T> type;
    private final T defaultValue;
    private final boolean beforeMain;
    private final String doc;

    Key(Scope scope, String name, ValueType<T> type, T defaultValue, boolean beforeMain, String doc) {
        this.scope = scope;
        this.name = Objects.requireNonNull(name, "name");
        this.type = Objects.requireNonNull(type, "type");
        this.defaultValue = defaultValue;
        this.beforeMain = beforeMain;
        this.doc = Objects.requireNonNull(doc, "doc");
    }

    public Scope scope() {
        return scope;
    }

    /** The full key ({@code litestream.stop-timeout}) at the top level; the part after the alias for a database. */
    public String name() {
        return name;
    }

    /** The key of this database setting for one alias: {@code litestream.dbs.<alias>.<name>}. */
    public String nameFor(String alias) {
        return Keys.DBS + alias + "." + name;
    }

    /**
     * {@code LITESTREAM_AGENT_STOP_TIMEOUT}; for a database setting with {@code <ALIAS>} in place of the alias,
     * {@code LITESTREAM_AGENT_DBS_<ALIAS>_RESTORE_ON_START}.
     */
    public String envName() {
        return Keys.envName(scope == Scope.TOP_LEVEL ? name : nameFor("<alias>"));
    }

    public ValueType<T> type() {
        return type;
    }

    /** The value when the key is not set; null when unset means "absent" (see {@link #doc()}). */
    public T defaultValue() {
        return defaultValue;
    }

    /** Whether its value matters before the application's main() runs, so premain must look for it. */
    public boolean beforeMain() {
        return beforeMain;
    }

    public String doc() {
        return doc;
    }

    /**
     * For callers without a problem list (builders): the value, or an exception naming this key.
     *
     * @throws IllegalArgumentException {@code <key>: "<text>"; expected <what>}
     */
    public T parse(String text) {
        try {
            return type.parse(text == null ? "" : text.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ": \"" + text + "\"; expected " + type.expected(), e);
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
