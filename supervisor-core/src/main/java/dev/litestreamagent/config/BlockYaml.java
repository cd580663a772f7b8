package dev.litestreamagent.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The generated config's YAML written directly, byte for byte as {@link SnakeYamlDump} writes it, for the
 * shape {@link LitestreamYaml} builds and scalars that need no quoting. Loading and warming SnakeYAML costs a
 * cold JVM 65-85 ms, which a restore on start adds before main(). Anything outside that shape or any
 * scalar that SnakeYAML might quote gives empty, and SnakeYAML writes it: this writer only ever takes the easy
 * cases, and GoldenYamlTest and BlockYamlTest hold it to SnakeYAML's output.
 */
final class BlockYaml {
    /** Characters of a plain scalar here: no space, comment, flow, quote, anchor, tag or other indicator. */
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z_/$][A-Za-z0-9_./:${}-]*|[0-9][A-Za-z0-9_./:-]*");
    /** What SnakeYAML resolves to another type than a string (bool, null, int, float, timestamp): it quotes these. */
    private static final Pattern NOT_A_STRING = Pattern.compile(
            "yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL"
            + "|[-+]?(\\.[0-9]+|[0-9_]+(\\.[0-9_]*)?)([eE][-+]?[0-9]+)?"
            + "|[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+\\.[0-9_]*"
            + "|[-+]?0b_*[01]+[01_]*|[-+]?0_*[0-7]+[0-7_]*|[-+]?(0|[1-9][0-9_]*)|[-+]?0x_*[0-9a-fA-F]+[0-9a-fA-F_]*"
            + "|[-+]?[1-9][0-9_]*(:[0-5]?[0-9])+"
            + "|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?.*");
    /** The content of a double-quoted scalar that SnakeYAML leaves as it is. */
    private static final Pattern QUOTABLE = Pattern.compile("[\\x20-\\x7e&&[^\"\\\\]]*");

    private BlockYaml() {
    }

    /** The document for {@code root}, or empty when SnakeYAML must write it. */
    static Optional<String> write(Map<String, Object> root) {
        StringBuilder out = new StringBuilder();
        return map(root, 0, out) ? Optional.of(out.toString()) : Optional.empty();
    }

    /** Entries at {@code indent}; the first one continues the line already begun when it follows a list's dash. */
    private static boolean map(Map<?, ?> map, int indent, StringBuilder out) {
        boolean first = true;
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (!first) {
                out.append(" ".repeat(indent));
            }
            first = false;
            if (!(entry.getKey() instanceof String) || !plain((String) entry.getKey())) {
                return false;
            }
            out.append(entry.getKey()).append(':');
            Object value = entry.getValue();
            if (value instanceof Map && !((Map<?, ?>) value).isEmpty()) {
                out.append('\n').append(" ".repeat(indent + 2));
                if (!map((Map<?, ?>) value, indent + 2, out)) {
                    return false;
                }
            } else if (value instanceof List && !((List<?>) value).isEmpty()) {
                out.append('\n');
                if (!list((List<?>) value, indent + 2, out)) {
                    return false;
                }
            } else if (!scalar(value, out.append(' '))) {
                return false;
            }
        }
        return !first;
    }

    /** Items of maps only, each a dash at {@code indent} and its entries two further in. */
    private static boolean list(List<?> list, int indent, StringBuilder out) {
        for (Object item : list) {
            if (!(item instanceof Map) || ((Map<?, ?>) item).isEmpty()) {
                return false;
            }
            out.append(" ".repeat(indent)).append("- ");
            if (!map((Map<?, ?>) item, indent + 2, out)) {
                return false;
            }
        }
        return true;
    }

    private static boolean scalar(Object value, StringBuilder out) {
        if (value instanceof Map) {
            out.append("{}\n"); // empty: SnakeYAML writes empty collections in flow style
        } else if (value instanceof List) {
            out.append("[]\n");
        } else if (value instanceof Boolean || value instanceof Long) {
            out.append(value).append('\n');
        } else if (value instanceof EnvEncoding.Quoted && QUOTABLE.matcher(((EnvEncoding.Quoted) value).text).matches()) {
            out.append('"').append(((EnvEncoding.Quoted) value).text).append("\"\n");
        } else if (value instanceof String && plain((String) value)) {
            out.append(value).append('\n');
        } else {
            return false;
        }
        return true;
    }

    private static boolean plain(String text) {
        return text.length() < 128 // a longer key is a complex key ("? ") to SnakeYAML
                && PLAIN.matcher(text).matches() && !text.endsWith(":") && !NOT_A_STRING.matcher(text).matches();
    }
}
