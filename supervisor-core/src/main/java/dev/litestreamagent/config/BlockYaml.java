package dev.litestreamagent.config;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Writes the Litestream config tree exactly as {@link SnakeYamlDump} does, without SnakeYAML: loading and
 * warming that library was most of a short CLI command's time ({@code config}, {@code databases}). It
 * writes only what it can tell SnakeYAML would write unquoted (or, for an {@link EnvEncoding.Quoted},
 * double-quoted); for any other tree (a scalar YAML would read as another type or that needs quoting, an
 * empty collection, a list of scalars, a collection in two places, which SnakeYAML writes as an anchor and
 * an alias) it gives up and the caller asks SnakeYAML.
 */
final class BlockYaml {
    /** YAML 1.1 words SnakeYAML reads as booleans or null, so it quotes them as strings (compared in lower case). */
    private static final Set<String> RESERVED_WORDS = Set.of("y", "n", "yes", "no", "on", "off", "true", "false", "null");
    /** SnakeYAML writes a longer mapping key as an explicit "? key". */
    private static final int MAX_SIMPLE_KEY = 128;

    private final StringBuilder out = new StringBuilder();
    private final Set<Object> written = Collections.newSetFromMap(new IdentityHashMap<>());

    private BlockYaml() {
    }

    /** The block-style text of {@code root}, or empty when SnakeYAML must write it. */
    static Optional<String> write(Map<String, Object> root) {
        BlockYaml writer = new BlockYaml();
        return writer.mapping(root, 0, false) ? Optional.of(writer.out.toString()) : Optional.empty();
    }

    /** One line per entry at {@code indent}; {@code firstInline}: the first one follows a list item's "- ". */
    private boolean mapping(Map<?, ?> map, int indent, boolean firstInline) {
        if (map.isEmpty() || !written.add(map)) {
            return false;
        }
        boolean first = true;
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (!(entry.getKey() instanceof String) || ((String) entry.getKey()).length() >= MAX_SIMPLE_KEY
                    || !plain((String) entry.getKey())) {
                return false;
            }
            if (!first || !firstInline) {
                indent(indent);
            }
            first = false;
            out.append((String) entry.getKey()).append(':');
            Object value = entry.getValue();
            if (value instanceof Map) {
                out.append('\n');
                if (!mapping((Map<?, ?>) value, indent + 2, false)) {
                    return false;
                }
            } else if (value instanceof List) {
                out.append('\n');
                if (!sequence((List<?>) value, indent + 2)) {
                    return false;
                }
            } else {
                out.append(' ');
                if (!scalar(value)) {
                    return false;
                }
                out.append('\n');
            }
        }
        return true;
    }

    /** A list of mappings: each item's "- " at {@code indent}, its entries two further in. */
    private boolean sequence(List<?> list, int indent) {
        if (list.isEmpty() || !written.add(list)) {
            return false;
        }
        for (Object item : list) {
            if (!(item instanceof Map)) {
                return false;
            }
            indent(indent);
            out.append("- ");
            if (!mapping((Map<?, ?>) item, indent + 2, true)) {
                return false;
            }
        }
        return true;
    }

    private boolean scalar(Object value) {
        if (value instanceof Boolean || value instanceof Long) {
            out.append(value);
            return true;
        }
        if (value instanceof EnvEncoding.Quoted) {
            String text = ((EnvEncoding.Quoted) value).text;
            if (!safeCharacters(text)) {
                return false;
            }
            out.append('"').append(text).append('"');
            return true;
        }
        if (value instanceof String && plain((String) value)) {
            out.append((String) value);
            return true;
        }
        return false;
    }

    /**
     * Whether SnakeYAML writes {@code text} as a plain scalar: a string it would not read back as a boolean,
     * null, number or date, and without a character that is an indicator where it stands. Stricter than
     * YAML on purpose: a string starting with a digit passes only as a duration ({@code 250ms}, {@code 1h30m}).
     */
    static boolean plain(String text) {
        if (text.isEmpty() || !safeCharacters(text) || text.charAt(text.length() - 1) == ':') {
            return false;
        }
        char first = text.charAt(0);
        if (first == '/' || first == '$') {
            return true;
        }
        if (first >= '0' && first <= '9') {
            return duration(text);
        }
        return letter(first) && !RESERVED_WORDS.contains(text.toLowerCase(Locale.ROOT));
    }

    /** Printable ASCII that is never an indicator inside a block scalar (no space, quote, comma, '#' or '?'). */
    private static boolean safeCharacters(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!letter(c) && !(c >= '0' && c <= '9') && "._/:${}@+=%~-".indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    /** A Go duration: one or more number-unit pairs, the number possibly with a fraction. */
    private static boolean duration(String text) {
        int i = 0;
        while (i < text.length()) {
            int digits = i;
            while (i < text.length() && (text.charAt(i) >= '0' && text.charAt(i) <= '9' || text.charAt(i) == '.')) {
                i++;
            }
            int unit = i;
            while (i < text.length() && letter(text.charAt(i))) {
                i++;
            }
            if (unit == digits || !goUnit(text.substring(unit, i)) || !number(text.substring(digits, unit))) {
                return false;
            }
        }
        return true;
    }

    private static boolean goUnit(String unit) {
        return unit.equals("ns") || unit.equals("us") || unit.equals("ms") || unit.equals("s") || unit.equals("m")
                || unit.equals("h");
    }

    /** Digits with at most one '.' between digits. */
    private static boolean number(String text) {
        int dot = text.indexOf('.');
        return dot < 0 || dot > 0 && dot < text.length() - 1 && text.indexOf('.', dot + 1) < 0;
    }

    private static boolean letter(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }

    private void indent(int indent) {
        for (int i = 0; i < indent; i++) {
            out.append(' ');
        }
    }
}
