package dev.litestreamagent.secrets;

import dev.litestreamagent.settings.References;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Credentials found by their position in a value, whatever the option is called: the password of a
 * URL's user info ({@code sftp://bob:PW@host}, an S3 {@code endpoint} of {@code http://user:PW@host})
 * and URL parameters named like a credential ({@code jdbc:sqlite:app.db?key=PW}, an Azure {@code sig=}).
 * A whole {@code $VAR} reference in that position is not a secret, only its name.
 */
public final class Credentials {
    public static final String MASK = "****";

    private Credentials() {
    }

    /** {@code text} with every credential in such a position replaced by {@link #MASK}. */
    public static String mask(String text) {
        String masked = text.contains("://") && text.indexOf('@') >= 0
                ? replace(Compiled.USER_INFO_PASSWORD, text) : text;
        return masked.indexOf('=') >= 0 && (masked.indexOf('?') >= 0 || masked.indexOf('&') >= 0
                || masked.indexOf(';') >= 0) ? replace(Compiled.SECRET_PARAMETER, masked) : masked;
    }

    /** Whether {@code value} holds a credential by position, other than a {@code $VAR} reference. */
    public static boolean carriesOne(String value) {
        return !mask(value).equals(value);
    }

    private static String replace(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        StringBuilder out = new StringBuilder();
        int last = 0;
        while (m.find()) {
            if (References.isWhole(m.group(2))) {
                continue;
            }
            out.append(text, last, m.start(2)).append(MASK);
            last = m.end(2);
        }
        return out.append(text, last, text.length()).toString();
    }

    /**
     * Compiled at the first value that can hold such a credential (the checks in {@link #mask} are what each
     * pattern needs to match): most values cannot, and the first character class compiled in a JVM starts the
     * lambda machinery, milliseconds of every short CLI command.
     */
    private static final class Compiled {
        static final Pattern USER_INFO_PASSWORD = Pattern.compile("(://[^/?#@\\s:]*:)([^/?#@\\s]+)(?=@)");
        static final Pattern SECRET_PARAMETER = Pattern.compile("([?&;](?i:key|pass|pwd|password|passwd|token|secret"
                + "|sig|sas|credential|access[-_]?key)[^=&;#\\s]*=)([^&;#\\s]+)");
    }
}
