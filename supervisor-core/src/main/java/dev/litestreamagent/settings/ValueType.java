package dev.litestreamagent.settings;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * How a setting's text becomes its value, and what a person is told when it does not. Immutable.
 * One class with a kind rather than a class per type, no lambdas and no regex compiled up front:
 * the registry is first read in premain of a cold JVM, where each class loaded and the first lambda
 * ({@code Pattern.compile} uses them) delay the application's main().
 */
public final class ValueType<T> {
    private enum Kind { TEXT, BOOLEAN, POSITIVE_DURATION, DECIMAL, WHOLE, CHOICE, ADDRESS, SHA256, MIRROR_URL,
        GO_DURATION, POSITIVE_GO_DURATION, PAGE_COUNT, VARIABLE_NAMES, GO_DURATIONS }

    public static final ValueType<Boolean> BOOLEAN = new ValueType<>(Kind.BOOLEAN, "true or false");
    /** The agent's own durations ({@code 500ms}, {@code 10s}, ...), above zero. */
    public static final ValueType<Duration> POSITIVE_DURATION = new ValueType<>(Kind.POSITIVE_DURATION,
            "a positive " + Durations.EXPECTED.substring(2) + ", " + Durations.LIMIT);
    /** A {@code host:port} Litestream listens on. */
    public static final ValueType<String> ADDRESS = new ValueType<>(Kind.ADDRESS, ListenAddress.EXPECTED);
    /** A sha256 checksum, returned lower-case. */
    public static final ValueType<String> SHA256 = new ValueType<>(Kind.SHA256,
            "64 hexadecimal digits (a sha256 checksum)");
    /**
     * The one rule for a release mirror, for the loader and {@code BinarySettings} alike: http(s) with a
     * host, or a {@code file:///dir} the downloader reads from this machine; returned without trailing slashes.
     */
    public static final ValueType<String> MIRROR_URL = new ValueType<>(Kind.MIRROR_URL,
            "an http(s):// or file:// URL of a Litestream release mirror");
    /** A duration Litestream itself reads (Go's syntax) or a {@code $VAR}, passed on as written. */
    public static final ValueType<String> GO_DURATION = new ValueType<>(Kind.GO_DURATION, Durations.GO_EXPECTED);
    /** The same above zero: an interval Litestream polls or syncs at (zero panics or never replicates). */
    public static final ValueType<String> POSITIVE_GO_DURATION = new ValueType<>(Kind.POSITIVE_GO_DURATION,
            Durations.GO_EXPECTED.replace(" such as", " above zero, such as"));
    /** A page count Litestream itself reads or a {@code $VAR}, passed on as written. */
    public static final ValueType<String> PAGE_COUNT = new ValueType<>(Kind.PAGE_COUNT, "a whole number of pages");

    /** Environment variable names, comma-separated, returned as {@code A,B} without blanks. */
    public static final ValueType<String> VARIABLE_NAMES = new ValueType<>(Kind.VARIABLE_NAMES,
            "environment variable names separated by commas, such as AWS_ACCESS_KEY_ID,AWS_SECRET_ACCESS_KEY");
    /** Durations Litestream itself reads, comma-separated, returned as {@code 5m,1h} without blanks. */
    public static final ValueType<String> GO_DURATIONS = new ValueType<>(Kind.GO_DURATIONS,
            "durations separated by commas, such as 5m,1h (" + Durations.GO_EXPECTED + ")");

    private final Kind kind;
    private final String expected;
    private final double min;
    private final double max;
    private final List<String> allowed;

    private ValueType(Kind kind, String expected) {
        this(kind, expected, 0, 0, Collections.<String>emptyList());
    }

    private ValueType(Kind kind, String expected, double min, double max, List<String> allowed) {
        this.kind = kind;
        this.expected = expected;
        this.min = min;
        this.max = max;
        this.allowed = allowed;
    }

    /** Free text that the key's reader checks where it has the context (a path against the working directory). */
    public static ValueType<String> text(String expected) {
        return new ValueType<>(Kind.TEXT, expected);
    }

    /** One of {@code allowed} (lower case), matched ignoring case and returned lower-cased. */
    public static ValueType<String> choice(String... allowed) {
        List<String> words = Collections.unmodifiableList(Arrays.asList(allowed));
        return new ValueType<>(Kind.CHOICE, "one of " + words, 0, 0, words);
    }

    public static ValueType<Double> decimal(double min, double max) {
        return new ValueType<>(Kind.DECIMAL, "a number from " + min + " to " + max, min, max,
                Collections.<String>emptyList());
    }

    public static ValueType<Integer> integer(int min) {
        return new ValueType<>(Kind.WHOLE, "a whole number of at least " + min, min, Integer.MAX_VALUE,
                Collections.<String>emptyList());
    }

    /** What a valid value looks like, for error messages: {@code key: was "x", expected <this>}. */
    public String expected() {
        return expected;
    }

    /** The value as a user would write it, so that {@link #parse} reads it back. */
    public String format(T value) {
        return kind == Kind.POSITIVE_DURATION ? Durations.format((Duration) value) : String.valueOf(value);
    }

    /**
     * @param text already trimmed
     * @throws IllegalArgumentException when {@code text} is not a value of this type
     */
    @SuppressWarnings("unchecked") // the factories pair each kind with its value class
    public T parse(String text) {
        Object value = value(text);
        if (value == null) {
            throw new IllegalArgumentException(text);
        }
        return (T) value;
    }

    /** The value, or null when the text is not one. */
    private Object value(String text) {
        switch (kind) {
            case TEXT:
                return text;
            case BOOLEAN:
                String bool = text.toLowerCase(Locale.ROOT);
                return bool.equals("true") || bool.equals("false") ? Boolean.valueOf(bool) : null;
            case POSITIVE_DURATION:
                Duration d = Durations.parse(text); // throws, naming the text
                return d.isZero() ? null : d;
            case DECIMAL:
                double n = Double.parseDouble(text); // NumberFormatException is an IllegalArgumentException
                return n >= min && n <= max ? Double.valueOf(n) : null;
            case WHOLE:
                int i = Integer.parseInt(text);
                return i >= min ? Integer.valueOf(i) : null;
            case CHOICE:
                String word = text.toLowerCase(Locale.ROOT);
                return allowed.contains(word) ? word : null;
            case ADDRESS:
                return ListenAddress.isValid(text) ? text : null;
            case SHA256:
                String hex = text.toLowerCase(Locale.ROOT);
                return hex.length() == 64 && onlyOf(hex, "0123456789abcdef") ? hex : null;
            case MIRROR_URL:
                return mirrorUrl(text);
            case GO_DURATION:
                return Durations.isGoDuration(text) || References.isWhole(text) ? text : null;
            case POSITIVE_GO_DURATION:
                return Durations.isPositiveGoDuration(text) || References.isWhole(text) ? text : null;
            case VARIABLE_NAMES:
            case GO_DURATIONS:
                return list(text);
            default: // PAGE_COUNT
                return (!text.isEmpty() && onlyOf(text, "0123456789")) || References.isWhole(text) ? text : null;
        }
    }

    /** The comma-separated items of a list kind, each valid, joined without blanks; null when one is not. */
    private String list(String text) {
        StringBuilder joined = new StringBuilder();
        for (String item : text.split(",", -1)) {
            String trimmed = item.trim();
            boolean valid = kind == Kind.GO_DURATIONS ? Durations.isGoDuration(trimmed) : isVariableName(trimmed);
            if (!valid) {
                return null;
            }
            joined.append(joined.length() == 0 ? "" : ",").append(trimmed);
        }
        return joined.toString();
    }

    private static boolean isVariableName(String name) {
        return !name.isEmpty() && !Character.isDigit(name.charAt(0))
                && onlyOf(name.toUpperCase(Locale.ROOT), "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_");
    }

    private static String mirrorUrl(String text) {
        String trimmed = text.trim();
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        URI uri;
        try {
            uri = new URI(trimmed);
        } catch (URISyntaxException e) {
            return null;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean web = (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null;
        boolean local = scheme.equals("file") && trimmed.regionMatches(true, 0, "file://", 0, 7)
                && uri.getAuthority() == null && uri.getQuery() == null && uri.getFragment() == null
                && uri.getPath() != null && uri.getPath().startsWith("/");
        return web || local ? trimmed : null;
    }

    /** Every character of {@code text} is one of {@code allowed}: a loop, as a regex would compile lambdas. */
    private static boolean onlyOf(String text, String allowed) {
        for (int i = 0; i < text.length(); i++) {
            if (allowed.indexOf(text.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }
}
