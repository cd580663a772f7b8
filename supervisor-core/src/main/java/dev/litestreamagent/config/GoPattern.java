package dev.litestreamagent.config;

import java.util.regex.Pattern;

/**
 * A pattern of Go's {@code filepath.Match}, which Litestream 0.5 matches against each file name of a directory
 * entry: {@code *}, {@code ?}, {@code [a-z]}, {@code [^a-z]}, {@code \} escapes. Read here to refuse what Go would
 * refuse, and to see which configured database files a directory entry would replicate too.
 */
final class GoPattern {
    private final Pattern regex;

    private GoPattern(Pattern regex) {
        this.regex = regex;
    }

    /** @throws IllegalArgumentException saying what is malformed, where Go answers {@code ErrBadPattern} */
    static GoPattern compile(String pattern) {
        StringBuilder re = new StringBuilder();
        int i = 0;
        while (i < pattern.length()) {
            char c = pattern.charAt(i++);
            if (c == '*') {
                re.append("[^/]*");
            } else if (c == '?') {
                re.append("[^/]");
            } else if (c == '[') {
                i = characterClass(pattern, i, re);
            } else {
                if (c == '\\') {
                    if (i == pattern.length()) {
                        throw new IllegalArgumentException("a '\\' at the end escapes nothing");
                    }
                    c = pattern.charAt(i++);
                }
                re.append(literal(c));
            }
        }
        return new GoPattern(Pattern.compile(re.toString()));
    }

    /** Whether {@code name}, a file's name, matches. */
    boolean matches(String name) {
        return regex.matcher(name).matches();
    }

    /** Appends the class that starts after the {@code [} at {@code start - 1}; returns the index after its {@code ]}. */
    private static int characterClass(String pattern, int start, StringBuilder re) {
        int i = start;
        re.append('[');
        if (i < pattern.length() && pattern.charAt(i) == '^') {
            re.append('^');
            i++;
        }
        boolean empty = true;
        while (true) {
            if (i >= pattern.length()) {
                throw new IllegalArgumentException("a '[' that is never closed");
            }
            if (pattern.charAt(i) == ']' && !empty) {
                re.append(']');
                return i + 1;
            }
            int[] low = classChar(pattern, i);
            re.append(literal((char) low[0]));
            i = low[1];
            if (i < pattern.length() && pattern.charAt(i) == '-') {
                int[] high = classChar(pattern, i + 1);
                if (high[0] < low[0]) {
                    throw new IllegalArgumentException("a range that runs backwards");
                }
                re.append('-').append(literal((char) high[0]));
                i = high[1];
            }
            empty = false;
        }
    }

    /** One character of a class at {@code i} (escaped or not): {its value, the index after it}. */
    private static int[] classChar(String pattern, int i) {
        if (i >= pattern.length()) {
            throw new IllegalArgumentException("a '[' that is never closed");
        }
        char c = pattern.charAt(i);
        if (c == '-' || c == ']') {
            throw new IllegalArgumentException("an unescaped '" + c + "' inside [ ]");
        }
        if (c == '\\') {
            if (i + 1 >= pattern.length()) {
                throw new IllegalArgumentException("a '\\' at the end escapes nothing");
            }
            return new int[] {pattern.charAt(i + 1), i + 2};
        }
        return new int[] {c, i + 1};
    }

    private static String literal(char c) {
        return String.format("\\x{%x}", (int) c);
    }
}
