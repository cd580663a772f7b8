package dev.litestreamagent.settings;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code $NAME} and {@code ${NAME}}: a value that is one such reference is left for Litestream to expand. */
public final class References {
    private References() {
    }

    /**
     * What the agent reads in a value Litestream will expand: {@code $$} (the agent's escape of a literal
     * {@code $}), a {@code $NAME} or {@code ${NAME}} reference, or a lone {@code $}; to be {@link Matcher#find found}.
     */
    public static Matcher tokens(String value) {
        return Compiled.TOKEN.matcher(value);
    }

    /** The names of the variables {@code value} refers to, in order; {@code $$} is no reference. */
    public static List<String> names(String value) {
        if (value.indexOf('$') < 0) {
            return Collections.emptyList(); // every token starts with '$'
        }
        List<String> names = new ArrayList<>();
        Matcher m = tokens(value);
        while (m.find()) {
            String token = m.group();
            if (token.length() > 1 && !token.equals("$$")) {
                names.add(token.startsWith("${") ? token.substring(2, token.length() - 1) : token.substring(1));
            }
        }
        return names;
    }

    /** The whole value is one {@code $VAR} or {@code ${VAR}} reference. */
    public static boolean isWhole(String value) {
        return value.startsWith("$") && Compiled.WHOLE.matcher(value).matches();
    }

    /**
     * Compiled at the first value with a {@code $}: most configurations have none, and the first character class
     * compiled in a JVM starts the lambda machinery, milliseconds of every short CLI command.
     */
    private static final class Compiled {
        static final Pattern TOKEN = Pattern.compile(
                "\\$\\$|\\$[A-Za-z_][A-Za-z0-9_]*|\\$\\{[A-Za-z_][A-Za-z0-9_]*\\}|\\$");
        static final Pattern WHOLE = Pattern.compile("\\$(?:[A-Za-z_][A-Za-z0-9_]*|\\{[A-Za-z_][A-Za-z0-9_]*\\})");
    }
}
