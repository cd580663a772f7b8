package dev.litestreamagent.settings;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The known key an unknown one was probably meant to be: a typo should be answered with the right spelling. */
public final class KeySuggestion {
    /** Edits (after ignoring case and {@code _} against {@code -}) still taken for a typo. */
    private static final int MAX_EDITS = 2;

    private KeySuggestion() {
    }

    public static Optional<String> forKey(String key) {
        String wanted = key.startsWith(Keys.PREFIX) ? key : Keys.PREFIX + key;
        return closest(key, wanted, candidates(wanted));
    }

    /**
     * The agent variable a misspelt {@code LITESTREAM_AGENT_*} name was probably meant to be, such as
     * {@code LITESTREAM_AGENT_STOP_TIMEOUT} for {@code LITESTREAM_AGENT_STOP_TIMEOT}. Only top-level
     * names: a {@code DBS_<ALIAS>_*} name always maps to a key, whose typo {@link #forKey} answers.
     */
    public static Optional<String> forEnvName(String name) {
        List<String> candidates = new ArrayList<>();
        for (Key<?> topLevel : Keys.topLevel()) {
            candidates.add(topLevel.envName());
        }
        return closest(name, name, candidates);
    }

    /** The one of {@code candidates} (names, not whole keys) that {@code seen} probably misspells. */
    public static Optional<String> among(String seen, Collection<String> candidates) {
        return closest(seen, seen, candidates);
    }

    private static Optional<String> closest(String seen, String wanted, Collection<String> candidates) {
        String best = null;
        int bestDistance = MAX_EDITS + 1;
        for (String candidate : candidates) {
            int d = distance(normal(wanted), normal(candidate));
            if (d < bestDistance && !candidate.equals(seen)) {
                best = candidate;
                bestDistance = d;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Top-level keys, and for {@code litestream.dbs.<alias>.x} the settings of that alias. */
    private static List<String> candidates(String key) {
        List<String> candidates = new ArrayList<>();
        for (Key<?> topLevel : Keys.topLevel()) {
            candidates.add(topLevel.name());
        }
        if (key.startsWith(Keys.DBS)) {
            int dot = key.indexOf('.', Keys.DBS.length());
            if (dot > 0) {
                String alias = key.substring(Keys.DBS.length(), dot);
                for (Key<?> setting : Keys.database()) {
                    candidates.add(setting.nameFor(alias));
                }
            }
        }
        return candidates;
    }

    private static String normal(String key) {
        return key.toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Levenshtein distance, two rows. */
    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
