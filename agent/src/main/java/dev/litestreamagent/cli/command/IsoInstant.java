package dev.litestreamagent.cli.command;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * {@link Instant#parse} of the form {@link Instant#toString} writes ({@code 2026-12-02T03:08:46.123456Z}), the
 * status file's times, read without {@code DateTimeFormatter}: setting up its formatters and their locale data
 * costs a cold {@code status} more than the rest of its reading. Any other text goes to {@link Instant#parse}.
 */
final class IsoInstant {
    private static final int FRACTION_START = 20;

    private IsoInstant() {
    }

    /** @throws java.time.format.DateTimeParseException as {@link Instant#parse} for text that is no instant */
    static Instant parse(String text) {
        int end = text.length() - 1;
        if (end < 19 || text.charAt(end) != 'Z' || !separators(text) || end > FRACTION_START + 9
                || (end > 19 && (text.charAt(19) != '.' || end == FRACTION_START))) {
            return Instant.parse(text);
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 7);
        int day = digits(text, 8, 10);
        int hour = digits(text, 11, 13);
        int minute = digits(text, 14, 16);
        int second = digits(text, 17, 19);
        int fraction = end > 19 ? digits(text, FRACTION_START, end) : 0;
        if (year < 0 || month < 0 || day < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0
                || second > 59 || fraction < 0) {
            return Instant.parse(text);
        }
        long epochDay;
        try {
            epochDay = LocalDate.of(year, month, day).toEpochDay();
        } catch (DateTimeException noSuchDay) {
            return Instant.parse(text);
        }
        for (int i = end - FRACTION_START; end > 19 && i < 9; i++) {
            fraction *= 10;
        }
        return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3600 + minute * 60 + second, fraction);
    }

    private static boolean separators(String text) {
        return text.charAt(4) == '-' && text.charAt(7) == '-' && text.charAt(10) == 'T' && text.charAt(13) == ':'
                && text.charAt(16) == ':';
    }

    /** The decimal number in {@code text[from, to)}, or -1 unless every character there is an ASCII digit. */
    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
