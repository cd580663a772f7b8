package dev.litestreamagent.secrets;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Masks known secret values, and credentials by position ({@link Credentials}), in text another program
 * printed: Litestream echoes endpoints and URLs, credentials included, into the lines the agent relays to
 * the application's log and keeps for the MBean. Immutable.
 */
public final class SecretMask {
    /**
     * Shorter values are not searched for: two or three characters turn up by chance in ordinary lines,
     * and masking them would garble the log without hiding anything worth hiding.
     */
    static final int MIN_LENGTH = 4;

    private final List<String> secrets;

    private SecretMask(List<String> secrets) {
        this.secrets = secrets;
    }

    public static SecretMask of(Collection<String> secrets) {
        List<String> searched = new ArrayList<>();
        for (String secret : secrets) {
            if (secret.length() >= MIN_LENGTH && !searched.contains(secret)) {
                searched.add(secret);
            }
        }
        if (searched.size() > 1) { // not even the comparator otherwise: the CLI's config renders once, cold
            searched.sort(Comparator.comparingInt(String::length).reversed()); // a secret holding another one first
        }
        return new SecretMask(searched);
    }

    /** Credentials by position first: a URL then keeps its host and user, only its password masked. */
    public String apply(String text) {
        String masked = Credentials.mask(text);
        for (String secret : secrets) {
            masked = masked.replace(secret, Credentials.MASK);
        }
        return masked;
    }
}
