package dev.litestreamagent.runtime;

import dev.litestreamagent.dialect.LitestreamVersion;
import java.util.HashMap;
import java.util.Map;

/**
 * The environment of a restore on start's {@code litestream restore}: the rendered config's variables, and Go's
 * garbage collector held off until the heap reaches {@value #MEMORY_LIMIT}. A restore lives a fraction of a
 * second; its few collections each wait for the cores that the other restores and the starting JVM are using
 * (20 bare restores of 150 kB, 8 at a time on 2 busy cores: 842 ms with Go's defaults, 443 ms so, medians of 9).
 * The limit keeps a large restore's memory bounded: past it, Go collects as usual.
 */
final class RestoreEnvironment {
    static final String GOGC = "GOGC";
    static final String GOMEMLIMIT = "GOMEMLIMIT";
    /** 32 MiB still collects once during a 150 kB restore and kept half the gain; 48 and 64 MiB none. */
    static final String MEMORY_LIMIT = "64MiB";
    /**
     * GOMEMLIMIT came with Go 1.19; v0.3.13 is built with Go 1.21 (and 0.5 with newer). An older build would
     * ignore the limit and never collect at all, so it keeps Go's defaults.
     */
    static final LitestreamVersion FIRST_WITH_MEMORY_LIMIT = LitestreamVersion.V0_3_13;

    private RestoreEnvironment() {
    }

    /**
     * {@code rendered} with GOGC and GOMEMLIMIT added, unless the version predates GOMEMLIMIT or either is set
     * already, in {@code inherited} (this JVM's environment, which the child inherits) or in {@code rendered}:
     * an operator's own tuning is kept whole.
     */
    static Map<String, String> of(Map<String, String> rendered, Map<String, String> inherited, LitestreamVersion version) {
        if (!version.isAtLeast(FIRST_WITH_MEMORY_LIMIT) || tuned(inherited) || tuned(rendered)) {
            return rendered;
        }
        Map<String, String> environment = new HashMap<>(rendered);
        environment.put(GOGC, "off");
        environment.put(GOMEMLIMIT, MEMORY_LIMIT);
        return environment;
    }

    private static boolean tuned(Map<String, String> environment) {
        return environment.containsKey(GOGC) || environment.containsKey(GOMEMLIMIT);
    }
}
