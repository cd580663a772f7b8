package dev.litestreamagent.config;

import dev.litestreamagent.secrets.Credentials;
import dev.litestreamagent.settings.Keys;
import dev.litestreamagent.settings.References;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Which settings hold secrets, by name and by position ({@link Credentials}), and how they are shown: never
 * their value, only a mask or a {@code $VAR} reference.
 */
final class Secrets {
    static final String MASK = Credentials.MASK;

    /** Replica options of Litestream's replica types whose values are credentials. */
    private static final Set<String> OPTIONS = Collections.unmodifiableSet(new HashSet<>(Arrays.asList(
            "access-key-id", "secret-access-key", "account-key", "sas-token", "password", "token", "jwt", "seed")));

    private static final String[] SECRET_WORDS = {"secret", "pass", "pwd", "key", "token", "sas", "jwt", "seed",
        "credential"};

    private Secrets() {
    }

    /** Whether the last segment of a key ({@code litestream.dbs.x.replica.password}) is a credential option, or the key is {@code litestream.exec}. */
    static boolean isSecretKey(String key) {
        // a command line may carry a password flag or a URL with credentials: no rule could tell which words
        return key.equals(Keys.EXEC.name()) || isSecretOption(key.substring(key.lastIndexOf('.') + 1));
    }

    /**
     * A known credential option, or an unknown one whose name looks like one: a misspelt
     * {@code secret-acess-key} is passed through to Litestream, but as a secret, never printed.
     */
    static boolean isSecretOption(String option) {
        return OPTIONS.contains(option) || looksSecret(option);
    }

    /** The whole value is one {@code $VAR} or {@code ${VAR}} reference, for Litestream to expand. */
    static boolean isReference(String value) {
        return References.isWhole(value);
    }

    /**
     * Spaces around a value are a slip of the pen, except in a credential, where they may be part of it:
     * a password is passed on exactly as written (a {@code $VAR} reference is only a name: trimmed).
     */
    static String trimUnlessSecret(String key, String value) {
        return isSecretKey(key) && !isReference(value.trim()) ? value : value.trim();
    }

    /** A value that must not reach the YAML, a log or a message as it is: secret by its option's name or by position. */
    static boolean isSecretValue(String option, String value) {
        return isSecretOption(option) || Credentials.carriesOne(value);
    }

    static String display(String key, String value) {
        return isSecretKey(key) && !isReference(value) ? MASK : Credentials.mask(value);
    }

    /** For keys that are not known: masked when the name looks like it holds a credential. */
    static String maskUnknown(String nameOrKey, String value) {
        return looksSecret(nameOrKey) && !isReference(value) ? MASK : Credentials.mask(value);
    }

    private static boolean looksSecret(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        for (String word : SECRET_WORDS) {
            if (lower.contains(word)) {
                return true;
            }
        }
        return false;
    }

    /** A malformed agent-argument piece may be the tail of a secret split at a comma: never echo it. */
    static String maskUnknown(String fragment) {
        return MASK + " (" + fragment.length() + " characters)";
    }
}
