package dev.litestreamagent.settings;

import java.util.regex.Pattern;

/** {@code $NAME} and {@code ${NAME}}: a value that is one such reference is left for Litestream to expand. */
public final class References {
    private static final Pattern WHOLE = Pattern.compile("\\$(?:[A-Za-z_][A-Za-z0-9_]*|\\{[A-Za-z_][A-Za-z0-9_]*\\})");

    private References() {
    }

    /** The whole value is one {@code $VAR} or {@code ${VAR}} reference. */
    public static boolean isWhole(String value) {
        return WHOLE.matcher(value).matches();
    }
}
