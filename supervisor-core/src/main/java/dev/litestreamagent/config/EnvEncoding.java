package dev.litestreamagent.config;

import dev.litestreamagent.settings.References;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes values survive Litestream's expansion of {@code $VAR} in the whole config file (Go's
 * {@code os.ExpandEnv}, which has no escape: {@code $$} becomes an empty string). Secrets move to
 * {@code LSA_SECRET_<ALIAS>_<OPTION>} variables and a literal {@code $} becomes {@code ${LSA_DOLLAR}}
 * (a variable holding {@code $}): Go expands in one pass, so what a variable holds is never expanded again.
 * The {@code LSA_} prefix is neither Litestream's ({@code LITESTREAM_*}, {@code AWS_*}, {@code LOG_LEVEL})
 * nor the agent's settings namespace ({@code LITESTREAM_AGENT_*}).
 */
final class EnvEncoding {
    static final String DOLLAR_VARIABLE = "LSA_DOLLAR";
    static final String SECRET_PREFIX = "LSA_SECRET_";

    /** A scalar that must be written double-quoted: a secret reference whose expansion is escaped for that. */
    static final class Quoted {
        final String text;

        Quoted(String text) {
            this.text = text;
        }
    }

    private static final Pattern INTEGER = Pattern.compile("0|-?[1-9][0-9]{0,17}");

    private final Map<String, String> environment = new TreeMap<>();
    private final List<String> secrets = new ArrayList<>();

    /** A value taken literally (a file path): every {@code $} is escaped. */
    String literal(String value) {
        return value.indexOf('$') < 0 ? value : value.replace("$", dollar());
    }

    /**
     * A user's value: {@code $NAME} and {@code ${NAME}} stay for Litestream to expand, {@code $$} is a literal
     * {@code $}, as is any other {@code $}. {@code true}/{@code false} and integers become YAML booleans and
     * numbers, as a person writing litestream.yml would write them.
     */
    Object value(String value) {
        if (value.equals("true") || value.equals("false")) {
            return Boolean.valueOf(value);
        }
        if (INTEGER.matcher(value).matches()) {
            return Long.valueOf(value);
        }
        StringBuilder out = new StringBuilder();
        Matcher m = References.tokens(value);
        int last = 0;
        while (m.find()) {
            out.append(value, last, m.start());
            String token = m.group();
            out.append(token.equals("$$") || token.equals("$") ? dollar() : token);
            last = m.end();
        }
        return out.append(value.substring(last)).toString();
    }

    /**
     * A credential: a whole {@code $VAR} reference stays, anything else moves to a variable named after
     * {@code owner} (the alias, or {@code <alias>__<replica name>} for one of several replicas) and the option.
     */
    Object secret(String owner, String option, String value) {
        if (Secrets.isReference(value)) {
            return value;
        }
        String base = SECRET_PREFIX + DatabasesReader.envForm(owner) + "_"
                + option.toUpperCase(Locale.ROOT).replace('-', '_');
        String escaped = doubleQuotedContent(value);
        String name = base;
        // aliases and replica names may hold '_': two owners can spell one name, which must not share a value
        for (int n = 2; environment.containsKey(name) && !environment.get(name).equals(escaped); n++) {
            name = base + "_" + n;
        }
        environment.put(name, escaped);
        secrets.add(value);
        return new Quoted("${" + name + "}");
    }

    /**
     * {@code litestream.exec}'s command, a secret as a whole and taken literally, prefixed so that it starts without
     * any secret variable, its own included: call it after every other secret is in.
     */
    Object execCommand(String command) {
        String name = SECRET_PREFIX + "EXEC";
        Set<String> names = new TreeSet<>(environment.keySet());
        names.add(name);
        environment.put(name, doubleQuotedContent(RenderedConfig.withoutSecrets(command, names)));
        secrets.add(command);
        return new Quoted("${" + name + "}");
    }

    Map<String, String> environment() {
        return environment;
    }

    /** The secret values as the user gave them, to mask wherever Litestream prints them. */
    List<String> secrets() {
        return secrets;
    }

    private String dollar() {
        environment.put(DOLLAR_VARIABLE, "$");
        return "${" + DOLLAR_VARIABLE + "}";
    }

    /**
     * Litestream pastes the value between the double quotes before parsing the YAML: escape it for that place.
     * Besides quotes and C0 controls, YAML refuses C1 controls raw (or reads U+0085 as a line break, which
     * folds into a space) and U+2028/U+2029, U+FFFE/U+FFFF; each is written as an escape YAML turns back
     * into the same character.
     */
    private static String doubleQuotedContent(String value) {
        StringBuilder sb = new StringBuilder();
        for (char c : value.toCharArray()) {
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
                sb.append(String.format("\\x%02x", (int) c));
            } else if (c == 0x2028 || c == 0x2029 || c == 0xfffe || c == 0xffff) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
