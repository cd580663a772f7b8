package dev.litestreamagent.settings;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Duration syntax: the agent's own ({@code 500ms}, {@code 10s}, {@code 5m}, {@code 1h}, {@code 1d}) and Go's, for Litestream options. */
public final class Durations {
    public static final String EXPECTED = "a duration such as 500ms, 10s, 5m or 1h (a whole number ending with one of [ms, s, m, h, d])";
    public static final String GO_EXPECTED = "a Go duration such as 100ms, 1s, 5m, 1h30m (units ns, us, ms, s, m, h)";
    /** Java's {@code Duration.toNanos} and Go's {@code time.Duration} both end at 2^63-1 ns, about 292 years. */
    public static final String LIMIT = "at most 106751d (292 years)";

    private static final BigDecimal GO_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

    private Durations() {
    }

    /** @throws IllegalArgumentException naming the text and the expected form */
    public static Duration parse(String text) {
        Matcher m = Compiled.AGENT.matcher(text == null ? "" : text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("was \"" + text + "\", expected " + EXPECTED);
        }
        try {
            Duration d = of(Long.parseLong(m.group(1)), m.group(2));
            d.toNanos(); // every user of a duration may ask for nanoseconds (waits, deadlines): refuse what overflows
            return d;
        } catch (ArithmeticException | NumberFormatException tooLong) {
            throw new IllegalArgumentException("was \"" + text + "\", expected " + EXPECTED + ", " + LIMIT);
        }
    }

    private static Duration of(long n, String unit) {
        switch (unit) {
            case "ms":
                return Duration.ofMillis(n);
            case "s":
                return Duration.ofSeconds(n);
            case "m":
                return Duration.ofMinutes(n);
            case "h":
                return Duration.ofHours(n);
            default:
                return Duration.ofDays(n);
        }
    }

    /** The shortest agent form that {@link #parse} reads back: {@code 60s} prints as {@code 1m}. */
    public static String format(Duration d) {
        long ms = d.toMillis();
        long[] units = {86_400_000L, 3_600_000L, 60_000L, 1_000L};
        String[] names = {"d", "h", "m", "s"};
        for (int i = 0; i < units.length; i++) {
            if (ms != 0 && ms % units[i] == 0) {
                return ms / units[i] + names[i];
            }
        }
        return ms + "ms";
    }

    /** Litestream parses its durations with Go's {@code time.ParseDuration}, which refuses one beyond 2^63-1 ns. */
    public static boolean isGoDuration(String text) {
        return goNanos(text) >= 0;
    }

    /** Above zero: Litestream panics on a zero sync interval and never polls with a zero monitor interval. */
    public static boolean isPositiveGoDuration(String text) {
        return goNanos(text) > 0;
    }

    /** The nanoseconds of a Go duration, or -1 when {@code time.ParseDuration} would refuse it. */
    private static long goNanos(String text) {
        String trimmed = text == null ? "" : text.trim();
        if (!Compiled.GO.matcher(trimmed).matches()) {
            return -1;
        }
        BigDecimal total = BigDecimal.ZERO;
        Matcher part = Compiled.GO_PART.matcher(trimmed);
        while (part.find()) {
            total = total.add(new BigDecimal(part.group(1)).multiply(BigDecimal.valueOf(goUnitNanos(part.group(2)))));
        }
        return total.compareTo(GO_MAX) > 0 ? -1 : total.longValue();
    }

    private static long goUnitNanos(String unit) {
        switch (unit) {
            case "ns":
                return 1L;
            case "us":
            case "\u00b5s":
                return 1_000L;
            case "ms":
                return 1_000_000L;
            case "s":
                return 1_000_000_000L;
            case "m":
                return 60_000_000_000L;
            default:
                return 3_600_000_000_000L;
        }
    }

    /**
     * Compiled at the first duration parsed, not when a default is formatted or an expected form is named:
     * the first character class compiled in a JVM starts the lambda machinery, milliseconds of every CLI command.
     */
    private static final class Compiled {
        static final Pattern AGENT = Pattern.compile("(\\d+)(ms|s|m|h|d)");
        static final Pattern GO = Pattern.compile("(\\d+(\\.\\d+)?(ns|us|\u00b5s|ms|s|m|h))+|0");
        static final Pattern GO_PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|\u00b5s|ms|s|m|h)");
    }
}
