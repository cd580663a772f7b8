package dev.litestreamagent.settings;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How a setting's text becomes its value, and what a person is told when it does not. Immutable. Plain
 * subclasses rather than lambdas: the registry is read in premain of a cold JVM, where a first lambda is slow.
 */
public abstract class ValueType<T> {
    public static final ValueType<Boolean> BOOLEAN = new Bool();
    /** The agent's own durations ({@code 500ms}, {@code 10s}, ...), above zero. */
    public static final ValueType<Duration> POSITIVE_DURATION = new PositiveDuration();
    /** A {@code host:port} Litestream listens on. */
    public static final ValueType<String> ADDRESS = new Address();
    /** A sha256 checksum, returned lower-case. */
    public static final ValueType<String> SHA256 = new Sha256();
    /** A release mirror: http(s) with a host, or a {@code file:} directory; returned without trailing slashes. */
    public static final ValueType<String> MIRROR_URL = new MirrorUrl();
    /** A duration Litestream itself reads (Go's syntax), or a {@code $VAR} for Litestream to expand. */
    public static final ValueType<String> GO_DURATION = new GoDuration();
    /** A page count Litestream itself reads, or a {@code $VAR} for Litestream to expand. */
    public static final ValueType<String> PAGE_COUNT = new PageCount();

    private final String expected;

    ValueType(String expected) {
        this.expected = expected;
    }

    /** Free text that the key's reader checks where it has the context (a path against the working directory). */
    public static ValueType<String> text(String expected) {
        return new Text(expected);
    }

    /** One of {@code allowed} (lower case), matched ignoring case and returned lower-cased. */
    public static ValueType<String> choice(String... allowed) {
        return new Choice(Collections.unmodifiableList(Arrays.asList(allowed)));
    }

    public static ValueType<Double> decimal(double min, double max) {
        return new Decimal(min, max);
    }

    public static ValueType<Integer> integer(int min) {
        return new Whole(min);
    }

    /** What a valid value looks like, for error messages: {@code key: was "x", expected <this>}. */
    public final String expected() {
        return expected;
    }

    /** @throws IllegalArgumentException when {@code text} (already trimmed) is not a value of this type */
    public abstract T parse(String text);

    /** The value as a user would write it, so that {@link #parse} reads it back. */
    public String format(T value) {
        return String.valueOf(value);
    }

    /** The allowed words of a choice; empty for every other type. */
    public List<String> choices() {
        return Collections.emptyList();
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException(text);
    }

    private static final class Text extends ValueType<String> {
        Text(String expected) {
            super(expected);
        }

        @Override
        public String parse(String text) {
            return text;
        }
    }

    private static final class Bool extends ValueType<Boolean> {
        Bool() {
            super("true or false");
        }

        @Override
        public Boolean parse(String text) {
            String v = text.toLowerCase(Locale.ROOT);
            if (v.equals("true") || v.equals("false")) {
                return Boolean.valueOf(v);
            }
            throw invalid(text);
        }
    }

    private static final class PositiveDuration extends ValueType<Duration> {
        PositiveDuration() {
            super("a positive " + Durations.EXPECTED.substring(2));
        }

        @Override
        public Duration parse(String text) {
            Duration d = Durations.parse(text);
            if (d.isZero()) {
                throw invalid(text);
            }
            return d;
        }

        @Override
        public String format(Duration value) {
            return Durations.format(value);
        }
    }

    private static final class Decimal extends ValueType<Double> {
        private final double min;
        private final double max;

        Decimal(double min, double max) {
            super("a number from " + min + " to " + max);
            this.min = min;
            this.max = max;
        }

        @Override
        public Double parse(String text) {
            double d = Double.parseDouble(text);
            if (d >= min && d <= max) {
                return d;
            }
            throw invalid(text);
        }
    }

    private static final class Whole extends ValueType<Integer> {
        private final int min;

        Whole(int min) {
            super("a whole number of at least " + min);
            this.min = min;
        }

        @Override
        public Integer parse(String text) {
            int n = Integer.parseInt(text);
            if (n >= min) {
                return n;
            }
            throw invalid(text);
        }
    }

    private static final class Choice extends ValueType<String> {
        private final List<String> allowed;

        Choice(List<String> allowed) {
            super("one of " + allowed);
            this.allowed = allowed;
        }

        @Override
        public String parse(String text) {
            String v = text.toLowerCase(Locale.ROOT);
            if (allowed.contains(v)) {
                return v;
            }
            throw invalid(text);
        }

        @Override
        public List<String> choices() {
            return allowed;
        }
    }

    private static final class Address extends ValueType<String> {
        Address() {
            super(ListenAddress.EXPECTED);
        }

        @Override
        public String parse(String text) {
            if (ListenAddress.isValid(text)) {
                return text;
            }
            throw invalid(text);
        }
    }

    private static final class Sha256 extends ValueType<String> {
        private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

        Sha256() {
            super("64 hexadecimal digits (a sha256 checksum)");
        }

        @Override
        public String parse(String text) {
            String v = text.toLowerCase(Locale.ROOT);
            if (HEX64.matcher(v).matches()) {
                return v;
            }
            throw invalid(text);
        }
    }

    /**
     * The one rule for {@code download.base-url}, for the loader and for {@code BinarySettings} alike. The
     * downloader fetches http(s) with a host, and reads {@code file:} URLs from the local file system (an
     * offline mirror), which have no host: {@code file:///srv/mirror}.
     */
    private static final class MirrorUrl extends ValueType<String> {
        MirrorUrl() {
            super("an http(s):// or file:// URL of a Litestream release mirror");
        }

        @Override
        public String parse(String text) {
            String trimmed = text.trim();
            while (trimmed.endsWith("/")) {
                trimmed = trimmed.substring(0, trimmed.length() - 1);
            }
            URI uri;
            try {
                uri = new URI(trimmed);
            } catch (URISyntaxException e) {
                throw invalid(text);
            }
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            boolean web = (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null;
            boolean local = scheme.equals("file") && text.trim().regionMatches(true, 0, "file://", 0, 7)
                    && uri.getAuthority() == null && uri.getQuery() == null && uri.getFragment() == null
                    && uri.getPath() != null && uri.getPath().startsWith("/");
            if (web || local) {
                return trimmed;
            }
            throw invalid(text);
        }
    }

    /** A duration passed to Litestream as written: checked, never converted. */
    private static final class GoDuration extends ValueType<String> {
        GoDuration() {
            super(Durations.GO_EXPECTED);
        }

        @Override
        public String parse(String text) {
            if (Durations.isGoDuration(text) || References.isWhole(text)) {
                return text;
            }
            throw invalid(text);
        }
    }

    /** A count passed to Litestream as written: checked, never converted. */
    private static final class PageCount extends ValueType<String> {
        private static final Pattern DIGITS = Pattern.compile("\\d+");

        PageCount() {
            super("a whole number of pages");
        }

        @Override
        public String parse(String text) {
            if (DIGITS.matcher(text).matches() || References.isWhole(text)) {
                return text;
            }
            throw invalid(text);
        }
    }
}
