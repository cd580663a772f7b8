/**
 * The trivial application of the benchmark: it prints when main() was entered (wall clock, in
 * microseconds since the epoch, for the driver to compare with the instant it launched the JVM)
 * and exits. Nothing else, so any difference between configurations is the agent's.
 * With the argument {@code halt} it halts instead: no shutdown hook runs, so the agent's final
 * sync writes nothing to the replicas that the next run restores from. With {@code wait} it stays until
 * killed: the application of the running agent whose status file the CLI's {@code status} row reads.
 */
public final class Trivial {
    public static void main(String[] args) {
        java.time.Instant now = java.time.Instant.now();
        System.out.println("main-entry-us=" + (now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000));
        if (args.length > 0 && "halt".equals(args[0])) {
            System.out.flush();
            Runtime.getRuntime().halt(0);
        }
        if (args.length > 0 && "wait".equals(args[0])) {
            try {
                Thread.sleep(Long.MAX_VALUE);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
