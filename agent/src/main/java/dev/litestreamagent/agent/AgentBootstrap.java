package dev.litestreamagent.agent;

import java.lang.instrument.Instrumentation;

/**
 * What premain and agentmain do: as little as possible before returning. The configuration is
 * read before main() only when it may ask for that (litestream.required, restore on start; see
 * {@link StartupProbe}) or after an attach; otherwise on a thread of the agent's own, once main() runs.
 * What the start itself does is {@link AgentStart}'s: a class of its own, so that none of its types
 * (the verifier loads the exceptions it catches) is loaded on main()'s path when it runs later.
 */
final class AgentBootstrap {
    enum Mode { PREMAIN, AGENTMAIN }

    /** Longest wait for main() before the deferred start goes ahead anyway (a launcher we do not recognise). */
    private static final long MAIN_WAIT_CAP_MS = 1_000;

    private AgentBootstrap() {
    }

    static void start(String agentArgs, Mode mode, Instrumentation instrumentation) {
        try {
            if (JdkTools.isJdkTool(System.getProperty("sun.java.command"), System.getenv("JAVA_TOOL_OPTIONS"))) {
                return;
            }
            if (!AgentGuard.claim(mode.name().toLowerCase(java.util.Locale.ROOT))) {
                return;
            }
            // After an attach the config file is deleted once agentmain returns: read it now.
            if (mode == Mode.AGENTMAIN || StartupProbe.mustLoadBeforeMain(agentArgs, System.getProperties(),
                    System.getenv(), Thread.currentThread().getContextClassLoader())) {
                AgentStart.run(agentArgs, mode, instrumentation);
            } else {
                Thread loader = new Thread(new Deferred(agentArgs, mode, instrumentation, Thread.currentThread()),
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
    private static final class Deferred implements Runnable {
        private final String agentArgs;
        private final Mode mode;
        private final Instrumentation instrumentation;
        private final Thread mainThread;

        Deferred(String agentArgs, Mode mode, Instrumentation instrumentation, Thread mainThread) {
            this.agentArgs = agentArgs;
            this.mode = mode;
            this.instrumentation = instrumentation;
            this.mainThread = mainThread;
        }

        @Override
        public void run() {
            try {
                MainStart.await(mainThread, MAIN_WAIT_CAP_MS);
                AgentStart.run(agentArgs, mode, instrumentation);
            } catch (Throwable t) {
                System.err.println("[litestream-agent] ERROR unexpected failure; the application runs without replication: " + t);
            }
        }
    }
}
