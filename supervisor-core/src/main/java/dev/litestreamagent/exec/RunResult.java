package dev.litestreamagent.exec;

/** How a run to completion ended: its exit code, its captured output, or that its deadline passed. */
public final class RunResult {
    private final int exitCode;
    private final String output;
    private final boolean timedOut;

    /** {@code exitCode} is ignored (reported as -1) when the run timed out. */
    public RunResult(int exitCode, String output, boolean timedOut) {
        this.exitCode = timedOut ? -1 : exitCode;
        this.output = output;
        this.timedOut = timedOut;
    }

    public int exitCode() {
        return exitCode;
    }

    /** What it printed, as far as it was {@link Output#captured captured}. */
    public String output() {
        return output;
    }

    public boolean timedOut() {
        return timedOut;
    }

    public boolean succeeded() {
        return !timedOut && exitCode == 0;
    }
}
