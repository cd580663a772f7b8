package dev.litestreamagent.testing;

/**
 * How many times a test repeats what proves a race gone. The README's test command runs a few
 * repetitions so it stays quick; {@code .ci/run} runs the full count once, in its soak step,
 * with {@code -Dlitestream.soak=true}.
 */
public final class Soak {
    private static final boolean FULL = Boolean.getBoolean("litestream.soak");

    private Soak() {
    }

    /** {@code full} in the soak step, {@code quick} otherwise. */
    public static int repeats(int quick, int full) {
        return FULL ? full : quick;
    }
}
