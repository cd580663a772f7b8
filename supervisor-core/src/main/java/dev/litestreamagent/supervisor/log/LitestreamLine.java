package dev.litestreamagent.supervisor.log;

import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;

/**
 * One line of Litestream output with its level: {@code logging.type: json} lines
 * ({@code {"time":..,"level":"INFO","msg":..}}), the default text lines
 * ({@code time=.. level=INFO msg=".."}), or anything else (INFO, as printed).
 */
public final class LitestreamLine {
    /** Litestream's levels; anything unknown is logged at INFO. */
    public enum Level { DEBUG, INFO, WARN, ERROR }

    private final Level level;
    private final String text;

    private LitestreamLine(Level level, String text) {
        this.level = level;
        this.text = text;
    }

    public static LitestreamLine parse(String raw) {
        String trimmed = raw.trim();
        Map<String, String> fields = trimmed.startsWith("{") ? FlatJson.parse(trimmed) : Logfmt.parse(trimmed);
        if (fields == null || !fields.containsKey("msg")) {
            return new LitestreamLine(Level.INFO, raw);
        }
        StringBuilder text = new StringBuilder(fields.get("msg"));
        for (Map.Entry<String, String> field : fields.entrySet()) {
            String key = field.getKey();
            if (!key.equals("msg") && !key.equals("time") && !key.equals("level")) {
                String value = field.getValue();
                text.append(' ').append(key).append('=')
                        .append(value.isEmpty() || value.indexOf(' ') >= 0 ? '"' + value + '"' : value);
            }
        }
        return new LitestreamLine(level(fields.get("level")), text.toString());
    }

    private static Level level(String name) {
        if (name == null) {
            return Level.INFO;
        }
        switch (name.toUpperCase(java.util.Locale.ROOT)) {
            case "DEBUG":
            case "TRACE":
                return Level.DEBUG;
            case "WARN":
            case "WARNING":
                return Level.WARN;
            case "ERROR":
            case "FATAL":
                return Level.ERROR;
            default:
                return Level.INFO;
        }
    }

    public Level level() {
        return level;
    }

    /** The message followed by its fields as {@code key=value}, without time and level. */
    public String text() {
        return text;
    }

    public void logTo(Logger logger, String prefix) {
        switch (level) {
            case DEBUG:
                logger.debug("{}{}", prefix, text);
                break;
            case WARN:
                logger.warn("{}{}", prefix, text);
                break;
            case ERROR:
                logger.error("{}{}", prefix, text);
                break;
            default:
                logger.info("{}{}", prefix, text);
        }
    }

    @Override
    public String toString() {
        return level + " " + text;
    }

    /** A flat JSON object's members as strings (nested values kept raw); null when it is not one. */
    static final class FlatJson {
        private final String s;
        private int i;

        private FlatJson(String s) {
            this.s = s;
        }

        static Map<String, String> parse(String s) {
            try {
                return new FlatJson(s).object();
            } catch (IndexOutOfBoundsException | IllegalArgumentException e) {
                return null;
            }
        }

        private Map<String, String> object() {
            Map<String, String> fields = new LinkedHashMap<>();
            expect('{');
            skipSpace();
            if (s.charAt(i) == '}') {
                return fields;
            }
            while (true) {
                skipSpace();
                String key = string();
                skipSpace();
                expect(':');
                skipSpace();
                fields.put(key, s.charAt(i) == '"' ? string() : raw());
                skipSpace();
                if (s.charAt(i) == '}') {
                    return fields;
                }
                expect(',');
            }
        }

        private String string() {
            expect('"');
            StringBuilder out = new StringBuilder();
            while (true) {
                char c = s.charAt(i++);
                if (c == '"') {
                    return out.toString();
                }
                if (c != '\\') {
                    out.append(c);
                    continue;
                }
                char e = s.charAt(i++);
                switch (e) {
                    case 'n':
                        out.append('\n');
                        break;
                    case 't':
                        out.append('\t');
                        break;
                    case 'r':
                        out.append('\r');
                        break;
                    case 'b':
                        out.append('\b');
                        break;
                    case 'f':
                        out.append('\f');
                        break;
                    case 'u':
                        out.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                        i += 4;
                        break;
                    default:
                        out.append(e);
                }
            }
        }

        /** A number, literal, object or array, as written. */
        private String raw() {
            int start = i;
            int depth = 0;
            boolean inString = false;
            while (true) {
                char c = s.charAt(i);
                if (inString) {
                    if (c == '\\') {
                        i++;
                    } else if (c == '"') {
                        inString = false;
                    }
                } else if (c == '"') {
                    inString = true;
                } else if (c == '{' || c == '[') {
                    depth++;
                } else if (c == '}' || c == ']') {
                    if (depth == 0) {
                        break;
                    }
                    depth--;
                } else if (c == ',' && depth == 0) {
                    break;
                }
                i++;
            }
            return s.substring(start, i).trim();
        }

        private void expect(char c) {
            if (s.charAt(i) != c) {
                throw new IllegalArgumentException("expected " + c + " at " + i);
            }
            i++;
        }

        private void skipSpace() {
            while (Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }
    }

    /** {@code key=value key="quoted value"} pairs; null when the line is not made of them. */
    static final class Logfmt {
        private Logfmt() {
        }

        static Map<String, String> parse(String s) {
            Map<String, String> fields = new LinkedHashMap<>();
            int i = 0;
            while (i < s.length()) {
                int eq = s.indexOf('=', i);
                if (eq <= i) {
                    return null;
                }
                String key = s.substring(i, eq);
                if (key.indexOf(' ') >= 0 || key.indexOf('"') >= 0) {
                    return null;
                }
                int j = eq + 1;
                StringBuilder value = new StringBuilder();
                if (j < s.length() && s.charAt(j) == '"') {
                    j++;
                    while (j < s.length() && s.charAt(j) != '"') {
                        if (s.charAt(j) == '\\' && j + 1 < s.length()) {
                            j++;
                        }
                        value.append(s.charAt(j++));
                    }
                    j++; // closing quote
                } else {
                    while (j < s.length() && s.charAt(j) != ' ') {
                        value.append(s.charAt(j++));
                    }
                }
                fields.put(key, value.toString());
                while (j < s.length() && s.charAt(j) == ' ') {
                    j++;
                }
                i = j;
            }
            return fields;
        }
    }
}
