package dev.litestreamagent.json;

import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Writing JSON by hand for the few documents the agent emits (verify results, the health body, status). */
public final class JsonText {
    private JsonText() {
    }

    /**
     * A value as {@link JsonReader} gives them (maps, lists, strings, numbers, booleans, null), written
     * back compactly: what {@code status --json} passes on from the agent's document unchanged.
     */
    public static String write(Object value) {
        StringBuilder out = new StringBuilder();
        write(value, out);
        return out.toString();
    }

    private static void write(Object value, StringBuilder out) {
        if (value == null || value instanceof Boolean || value instanceof Number) {
            out.append(value);
        } else if (value instanceof Map) {
            out.append('{');
            Iterator<? extends Map.Entry<?, ?>> members = ((Map<?, ?>) value).entrySet().iterator();
            while (members.hasNext()) {
                Map.Entry<?, ?> member = members.next();
                out.append(quote(String.valueOf(member.getKey()))).append(':');
                write(member.getValue(), out);
                out.append(members.hasNext() ? "," : "");
            }
            out.append('}');
        } else if (value instanceof List) {
            out.append('[');
            List<?> items = (List<?>) value;
            for (int i = 0; i < items.size(); i++) {
                out.append(i == 0 ? "" : ",");
                write(items.get(i), out);
            }
            out.append(']');
        } else {
            out.append(quote(value.toString()));
        }
    }

    /** {@code text} as a JSON string literal: quotes, backslashes and control characters escaped. */
    public static String quote(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"':
                    out.append("\\\"");
                    break;
                case '\\':
                    out.append("\\\\");
                    break;
                case '\n':
                    out.append("\\n");
                    break;
                case '\r':
                    out.append("\\r");
                    break;
                case '\t':
                    out.append("\\t");
                    break;
                default:
                    if (c < 0x20) {
                        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
            }
        }
        return out.append('"').toString();
    }
}
