package dev.litestreamagent.e2e;

import java.util.List;

/**
 * What one stop left: the rows the application ACKed, those of them missing from the restored
 * database, Litestream processes of the run still alive 3 s after the JVM was gone, and anything
 * else that went wrong (a JVM that did not exit, a failed restore), with the run's last output.
 */
record StopOutcome(StopScenario scenario, int run, int acked, List<Long> missing, List<Long> leftovers, String problem, String tail) {

    boolean ok() {
        return missing.isEmpty() && leftovers.isEmpty() && problem == null;
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(scenario.name()).append(", stop ").append(run).append(": ").append(acked).append(" ACKed, ")
                .append(missing.size()).append(" missing");
        if (!missing.isEmpty()) {
            s.append(' ').append(missing.size() > 30 ? missing.subList(0, 30) + "..." : missing);
        }
        if (!leftovers.isEmpty()) {
            s.append("; Litestream still running after the JVM (3 s after a graceful stop, 20 s after SIGKILL): pids ")
                    .append(leftovers);
        }
        if (problem != null) {
            s.append("; ").append(problem);
        }
        return ok() ? s.toString() : s.append("\n  the application's last lines:\n    ")
                .append(tail.replace("\n", "\n    ")).toString();
    }
}
