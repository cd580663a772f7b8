package dev.litestreamagent.dialect;

import java.util.Objects;

/** A Litestream release version ({@code v0.3.13}, {@code 0.5.2}); {@link Dialect#of} says what it speaks. */
public final class LitestreamVersion implements Comparable<LitestreamVersion> {
    public static final LitestreamVersion V0_3_13 = new LitestreamVersion(0, 3, 13);

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
        String trimmed = output == null ? "" : output.trim();
        int end = 0;
        while (end < trimmed.length() && " \t\n\u000B\f\r".indexOf(trimmed.charAt(end)) < 0) {
            end++;
        }
        return parseWord(output, trimmed.substring(0, end));
    }

    /**
     * {@code v?MAJOR.MINOR[.PATCH]}, ASCII digits, then nothing or a {@code -} or {@code +} suffix on one line.
     * Read by hand, not by a regex: every CLI command parses a version, and the first character class compiled
     * in a JVM starts the lambda machinery, milliseconds of a short command.
     */
    private static LitestreamVersion parseWord(String text, String word) {
        int majorStart = word.startsWith("v") ? 1 : 0;
        int majorEnd = digitsEnd(word, majorStart);
        int minorEnd = majorEnd > majorStart && at(word, majorEnd, '.') ? digitsEnd(word, majorEnd + 1) : -1;
        boolean hasPatch = minorEnd > majorEnd + 1 && at(word, minorEnd, '.');
        int patchEnd = hasPatch ? digitsEnd(word, minorEnd + 1) : minorEnd;
        if (minorEnd <= majorEnd + 1 || (hasPatch && patchEnd == minorEnd + 1) || !suffix(word, patchEnd)) {
            throw new IllegalArgumentException("not a Litestream version: \"" + text
                    + "\"; expected a version such as v0.3.13 or 0.5.2");
        }
        return new LitestreamVersion(Integer.parseInt(word.substring(majorStart, majorEnd)),
                Integer.parseInt(word.substring(majorEnd + 1, minorEnd)),
                hasPatch ? Integer.parseInt(word.substring(minorEnd + 1, patchEnd)) : 0);
    }

    private static int digitsEnd(String word, int from) {
        int end = from;
        while (end < word.length() && word.charAt(end) >= '0' && word.charAt(end) <= '9') {
            end++;
        }
        return end;
    }

    private static boolean at(String word, int index, char c) {
        return index < word.length() && word.charAt(index) == c;
    }

    /** Nothing from {@code from} on, or {@code -} or {@code +} and then no line terminator (a regex's {@code .*}). */
    private static boolean suffix(String word, int from) {
        if (from == word.length()) {
            return true;
        }
        if (!at(word, from, '-') && !at(word, from, '+')) {
            return false;
        }
        for (int i = from + 1; i < word.length(); i++) {
            if ("\n\r\u0085\u2028\u2029".indexOf(word.charAt(i)) >= 0) {
                return false;
            }
        }
        return true;
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
