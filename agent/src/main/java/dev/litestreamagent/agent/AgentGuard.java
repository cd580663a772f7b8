package dev.litestreamagent.agent;


/**
 * Makes a second load of the agent in one JVM a no-op: two {@code -javaagent} flags, an attach
 * after {@code -javaagent}, or two copies of the jar. The marker is a system property because
 * each load may come through its own class loader, where a static field would be a fresh one.
 */
public final class AgentGuard {
    /** Outside the {@code litestream.} namespace, which the configuration reads. */
    static final String MARKER = "dev.litestreamagent.loaded";

    private AgentGuard() {
    }

    /**
     * Claims this JVM for the load described by {@code how} (for example {@code "premain"}, or
     * {@code "agentmain"}). Returns true for the first load; every later one gets false and logs a
     * warning naming both, and must then return without doing anything else.
     */
    public static boolean claim(String how) {
        // Properties is a Hashtable: putIfAbsent is atomic, so two loads racing cannot both win.
        Object earlier = System.getProperties().putIfAbsent(MARKER, how + " from " + jarOf());
        if (earlier == null) {
            return true;
        }
        // The logger only now: initialising logging in premain's path would delay main().
        AgentLog.logger(AgentGuard.class).warn("litestream-agent is already loaded in this JVM ({}); this second load ({} from {}) does nothing",
                earlier, how, jarOf());
        return false;
    }

    private static String jarOf() {
        java.security.CodeSource source = AgentGuard.class.getProtectionDomain().getCodeSource();
        return source == null ? "an unknown location" : source.getLocation().getPath();
    }
}
