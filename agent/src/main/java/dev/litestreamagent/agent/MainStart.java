package dev.litestreamagent.agent;

/**
 * Waits until the application's main() runs, so that the agent's own start (reading the
 * configuration, class loading, Litestream) does not compete with the JVM's last steps before
 * main() on a small machine. Seen from outside: the thread that ran premain has a method called
 * {@code main} at the bottom of its stack (before that: the instrumentation's premain call, then the
 * launcher loading the main class). A launcher that calls something else, or a main() that never
 * shows, only costs the cap.
 */
final class MainStart {
    private static final long POLL_MS = 5;

    private MainStart() {
    }

    /** Returns once {@code mainThread} runs main(), has ended, or after {@code capMillis}; at once when interrupted. */
    static void await(Thread mainThread, long capMillis) {
        long deadline = System.nanoTime() + capMillis * 1_000_000L;
        try {
            while (mainThread.isAlive() && !inMain(mainThread.getStackTrace()) && System.nanoTime() - deadline < 0) {
                Thread.sleep(POLL_MS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static boolean inMain(StackTraceElement[] stack) {
        return stack.length > 0 && "main".equals(stack[stack.length - 1].getMethodName());
    }
}
