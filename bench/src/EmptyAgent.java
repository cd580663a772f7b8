/** The baseline agent: loading any -javaagent costs start-up time, so the agent's own cost is measured against this. */
public final class EmptyAgent {
    public static void premain(String args) {
        // Deliberately empty.
    }
}
