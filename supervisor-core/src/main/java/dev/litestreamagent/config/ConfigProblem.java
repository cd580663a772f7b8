package dev.litestreamagent.config;

import dev.litestreamagent.fs.UntrustedText;
import java.util.Objects;

/** One configuration mistake: the key, the value seen (secrets masked) and what was expected. */
public final class ConfigProblem {
    private static final int MAX_ECHO = 1000;
    private final String key;
    private final String seen;
    private final String expected;

    /**
     * {@code seen} is null when the key was not set at all. The value is the user's text: escape sequences
     * and line breaks in it are disarmed here, before any log or terminal shows it (the key is kept as
     * written, to be matched; the CLI disarms whole messages when it prints them).
     */
    public ConfigProblem(String key, String seen, String expected) {
        this.key = Objects.requireNonNull(key, "key");
        this.seen = seen == null ? null : UntrustedText.printable(seen, MAX_ECHO);
        this.expected = Objects.requireNonNull(expected, "expected");
    }

    public String key() {
        return key;
    }

    /** The value as seen, masked when it is a secret; null when the key was missing. */
    public String seen() {
        return seen;
    }

    public String expected() {
        return expected;
    }

    @Override
    public String toString() {
        return key + ": " + (seen == null ? "not set" : "was \"" + seen + "\"") + ", expected " + expected;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ConfigProblem)) {
            return false;
        }
        ConfigProblem p = (ConfigProblem) o;
        return key.equals(p.key) && Objects.equals(seen, p.seen) && expected.equals(p.expected);
    }

    @Override
    public int hashCode() {
        return Objects.hash(key, seen, expected);
    }
}
