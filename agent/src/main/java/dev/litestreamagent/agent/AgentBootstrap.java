package dev.litestreamagent.agent;

import java.lang.instrument.Instrumentation;

/**
 * What premain and agentmain do: as little as possible before returning. The configuration is
 * read before main() only when it may ask for that (litestream.required, restore on start; see
 * {@link StartupProbe}) or after an attach; otherwise on a thread of the agent's own, once main() runs:
 * an instance of this class is that thread's task. What the start itself does is {@link AgentStart}'s.
 * Each class premain loads from the jar costs main()'s thread CPU in a cold JVM (premain's former eight,
 * loaded and nothing else: +3.8 to +5.4 ms), so this one has no nested types and AgentStart none of its
 * code (the verifier would load what it catches).
 */
final class AgentBootstrap implements Runnable {
    /** Longest wait for main() before the deferred start goes ahead anyway (a launcher we do not recognise). */
    private static final long MAIN_WAIT_CAP_MS = 1_000;

    private final String agentArgs;
    private final Instrumentation instrumentation;
    private final Thread mainThread;

    private AgentBootstrap(String agentArgs, Instrumentation instrumentation, Thread mainThread) {
        this.agentArgs = agentArgs;
        this.instrumentation = instrumentation;
        this.mainThread = mainThread;
    }

    /** @param attached loaded into a running JVM (agentmain) rather than before main() (premain) */
    static void start(String agentArgs, boolean attached, Instrumentation instrumentation) {
        try {
            if (JdkTools.isJdkTool(System.getProperty("sun.java.command"), System.getenv("JAVA_TOOL_OPTIONS"))) {
                return;
            }
            if (!AgentGuard.claim(attached ? "agentmain" : "premain")) {
                return;
            }
            // After an attach the config file is deleted once agentmain returns: read it now.
            if (attached || StartupProbe.mustLoadBeforeMain(agentArgs, System.getProperties(),
                    System.getenv(), Thread.currentThread().getContextClassLoader())) {
                AgentStart.run(agentArgs, attached, instrumentation);
            } else {
                Thread loader = new Thread(new AgentBootstrap(agentArgs, instrumentation, Thread.currentThread()),
                        "litestream-agent-config");
                loader.setDaemon(true);
                loader.start();
            }
        } catch (Throwable t) {
            // Never into the host: an exception escaping premain kills the application.
            System.err.println("[litestream-agent] ERROR unexpected failure; the application runs without replication: " + t);
        }
    }

    /**
     * The common start: nothing in the configuration needs main() to wait, so it is read off the critical
     * path, after main() has begun: on two cores, a thread loading classes beside the JVM's own start delays main().
     */
    @Override
    public void run() {
        try {
            MainStart.await(mainThread, MAIN_WAIT_CAP_MS);
            AgentStart.run(agentArgs, false, instrumentation);
        } catch (Throwable t) {
            System.err.println("[litestream-agent] ERROR unexpected failure; the application runs without replication: " + t);
        }
    }
}
