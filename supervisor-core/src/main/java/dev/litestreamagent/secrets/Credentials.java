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

    private static final Pattern USER_INFO_PASSWORD = Pattern.compile("(://[^/?#@\\s:]*:)([^/?#@\\s]+)(?=@)");
    private static final Pattern SECRET_PARAMETER = Pattern.compile(
            "([?&;](?i:key|pass|pwd|password|passwd|token|secret|sig|sas|credential|access[-_]?key)[^=&;#\\s]*=)([^&;#\\s]+)");

    private Credentials() {
    }

    /** {@code text} with every credential in such a position replaced by {@link #MASK}. */
    public static String mask(String text) {
        return replace(SECRET_PARAMETER, replace(USER_INFO_PASSWORD, text));
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
}
