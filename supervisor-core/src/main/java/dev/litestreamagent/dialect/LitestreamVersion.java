package dev.litestreamagent.dialect;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A Litestream release version ({@code v0.3.13}, {@code 0.5.2}); {@link Dialect#of} says what it speaks. */
public final class LitestreamVersion implements Comparable<LitestreamVersion> {
    public static final LitestreamVersion V0_3_13 = new LitestreamVersion(0, 3, 13);

    private static final Pattern VERSION = Pattern.compile("^v?(\\d+)\\.(\\d+)(?:\\.(\\d+))?(?:[-+].*)?$");

    private final int major;
    private final int minor;
    private final int patch;

    public LitestreamVersion(int major, int minor, int patch) {
        this.major = major;
        this.minor = minor;
        this.patch = patch;
    }

    /**
     * Parses {@code v0.3.13}, {@code 0.5.2} or {@code 0.5}, and nothing else: {@code 0.3.13 junk} is refused.
     *
     * @throws IllegalArgumentException naming what was seen and what is expected
     */
    public static LitestreamVersion parse(String text) {
        return parseWord(text, text == null ? "" : text.trim());
    }

    /** The version {@code litestream version} printed: its first word. */
    public static LitestreamVersion fromVersionOutput(String output) {
        return parseWord(output, output == null ? "" : output.trim().split("\\s+")[0]);
    }

    private static LitestreamVersion parseWord(String text, String word) {
        Matcher m = VERSION.matcher(word);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a Litestream version: \"" + text
                    + "\"; expected a version such as v0.3.13 or 0.5.2");
        }
        return new LitestreamVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                m.group(3) == null ? 0 : Integer.parseInt(m.group(3)));
    }

    public boolean isAtLeast(LitestreamVersion other) {
        return compareTo(other) >= 0;
    }

    public int major() {
        return major;
    }

    public int minor() {
        return minor;
    }

    public int patch() {
        return patch;
    }

    @Override
    public int compareTo(LitestreamVersion o) {
        int c = Integer.compare(major, o.major);
        if (c == 0) {
            c = Integer.compare(minor, o.minor);
        }
        return c != 0 ? c : Integer.compare(patch, o.patch);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LitestreamVersion && compareTo((LitestreamVersion) o) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(major, minor, patch);
    }

    /** {@code v0.3.13}: the form {@code litestream version} prints. */
    @Override
    public String toString() {
        return "v" + major + "." + minor + "." + patch;
    }
}
