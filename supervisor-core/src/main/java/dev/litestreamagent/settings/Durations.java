package dev.litestreamagent.settings;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Duration syntax: the agent's own ({@code 500ms}, {@code 10s}, {@code 5m}, {@code 1h}, {@code 1d}) and Go's, for Litestream options. */
public final class Durations {
    public static final String EXPECTED = "a duration such as 500ms, 10s, 5m or 1h (a whole number ending with one of [ms, s, m, h, d])";
    public static final String GO_EXPECTED = "a Go duration such as 100ms, 1s, 5m, 1h30m (units ns, us, ms, s, m, h)";

    private static final Pattern AGENT = Pattern.compile("(\\d+)(ms|s|m|h|d)");
    private static final Pattern GO = Pattern.compile("(\\d+(\\.\\d+)?(ns|us|\u00b5s|ms|s|m|h))+|0");

    private Durations() {
    }

    /** @throws IllegalArgumentException naming the text and the expected form */
    public static Duration parse(String text) {
        Matcher m = AGENT.matcher(text == null ? "" : text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("was \"" + text + "\", expected " + EXPECTED);
        }
        long n = Long.parseLong(m.group(1));
        switch (m.group(2)) {
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

    /** Litestream parses its durations with Go's {@code time.ParseDuration}. */
    public static boolean isGoDuration(String text) {
        return text != null && GO.matcher(text.trim()).matches();
    }
}
