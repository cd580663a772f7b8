package dev.litestreamagent.json;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a JSON document the agent wrote itself (the status file) into plain values: objects as
 * ordered maps, arrays as lists, strings, {@link BigDecimal} numbers, booleans and {@code null}.
 * Strict enough to refuse a truncated or foreign file rather than guess.
 */
public final class JsonReader {
    private final String text;
    private int at;

    private JsonReader(String text) {
        this.text = text;
    }

    /** @throws IllegalArgumentException naming the offset where the text stops being JSON */
    public static Object parse(String text) {
        JsonReader reader = new JsonReader(text);
        try {
            Object value = reader.value();
            reader.skipSpace();
            if (reader.at != text.length()) {
                throw reader.error("end of the document");
            }
            return value;
        } catch (IndexOutOfBoundsException e) {
            throw new IllegalArgumentException("JSON ends early, at offset " + text.length());
        }
    }

    private Object value() {
        skipSpace();
        char c = text.charAt(at);
        switch (c) {
            case '{':
                return object();
            case '[':
                return array();
            case '"':
                return string();
            case 't':
                return literal("true", Boolean.TRUE);
            case 'f':
                return literal("false", Boolean.FALSE);
            case 'n':
                return literal("null", null);
            default:
                return number();
        }
    }

    private Map<String, Object> object() {
        Map<String, Object> members = new LinkedHashMap<>();
        at++;
        skipSpace();
        if (text.charAt(at) == '}') {
            at++;
            return Collections.unmodifiableMap(members);
        }
        while (true) {
            skipSpace();
            if (text.charAt(at) != '"') {
                throw error("a member name");
            }
            String name = string();
            skipSpace();
            expect(':');
            members.put(name, value());
            skipSpace();
            if (text.charAt(at) == '}') {
                at++;
                return Collections.unmodifiableMap(members);
            }
            expect(',');
        }
    }

    private List<Object> array() {
        List<Object> items = new ArrayList<>();
        at++;
        skipSpace();
        if (text.charAt(at) == ']') {
            at++;
            return Collections.unmodifiableList(items);
        }
        while (true) {
            items.add(value());
            skipSpace();
            if (text.charAt(at) == ']') {
                at++;
                return Collections.unmodifiableList(items);
            }
            expect(',');
        }
    }

    private String string() {
        at++;
        StringBuilder out = new StringBuilder();
        while (true) {
            char c = text.charAt(at++);
            if (c == '"') {
                return out.toString();
            }
            if (c < 0x20) {
                throw error("no control character inside a string");
            }
            if (c == '\\') {
                out.append(escape(text.charAt(at++)));
            } else {
                out.append(c);
            }
        }
    }

    private char escape(char e) {
        switch (e) {
            case '"':
            case '\\':
            case '/':
                return e;
            case 'n':
                return '\n';
            case 't':
                return '\t';
            case 'r':
                return '\r';
            case 'b':
                return '\b';
            case 'f':
                return '\f';
            case 'u':
                try {
                    char c = (char) Integer.parseInt(text.substring(at, at + 4), 16);
                    at += 4;
                    return c;
                } catch (NumberFormatException notHex) {
                    throw error("four hex digits");
                }
            default:
                throw error("an escape (\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)");
        }
    }

    private Object literal(String word, Object value) {
        if (!text.startsWith(word, at)) {
            throw error(word);
        }
        at += word.length();
        return value;
    }

    private BigDecimal number() {
        int start = at;
        while (at < text.length() && "+-0123456789.eE".indexOf(text.charAt(at)) >= 0) {
            at++;
        }
        try {
            return new BigDecimal(text.substring(start, at));
        } catch (NumberFormatException e) {
            at = start;
            throw error("a value");
        }
    }

    private void expect(char c) {
        if (text.charAt(at) != c) {
            throw error("'" + c + "'");
        }
        at++;
    }

    private void skipSpace() {
        while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
            at++;
        }
    }

    private IllegalArgumentException error(String expected) {
        return new IllegalArgumentException("not JSON at offset " + at + ": expected " + expected);
    }
}
