package dev.litestreamagent.agent;

import dev.litestreamagent.agent.logging.AgentLogging;
import dev.litestreamagent.config.AgentConfig;
import dev.litestreamagent.config.ConfigException;
import dev.litestreamagent.config.ConfigInput;
import dev.litestreamagent.config.ConfigLoader;
import java.lang.instrument.Instrumentation;
import java.util.Optional;

/**
 * What premain and agentmain do: as little as possible before returning. The configuration is
 * read before main() only when it may ask for that (litestream.required, restore on start; see
 * {@link StartupProbe}) or after an attach; otherwise on a thread of the agent's own, once main() runs.
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
                startNow(agentArgs, mode, instrumentation);
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

    /** Loads the configuration, restores what is missing when asked, and starts replication. */
    private static void startNow(String agentArgs, Mode mode, Instrumentation instrumentation) {
        AgentConfig config;
        try {
            config = ConfigLoader.load(ConfigInput.fromRuntime(agentArgs));
        } catch (ConfigException e) {
            fail(mode, e.required(), e.getMessage());
            return;
        }
        AgentLogging.threshold(config.logLevel());
        if (!config.enabled()) {
            AgentLog.logger(AgentBootstrap.class).info("Disabled (litestream.enabled=false): no replication");
            return;
        }
        Optional<String> cliOnly = CliOnlySettings.problem(config);
        if (cliOnly.isPresent()) {
            fail(mode, config.required(), cliOnly.get());
            return;
        }
        if (config.databases().isEmpty()) {
            AgentLog.logger(AgentBootstrap.class).warn(
                    "No database configured (litestream.dbs.<alias>.url or .path): no replication. Sources: {}",
                    config.sources());
            return;
        }
        AgentRuntime runtime = new AgentRuntime(config);
        if (config.required() && mode == Mode.PREMAIN) {
            // Everything that can fail before Litestream runs (binary, download, version, the YAML for that
            // version) is done before main(), so that a failure stops the JVM instead of being logged.
            try {
                runtime.prepare();
            } catch (Exception e) {
                fail(mode, true, "Cannot start Litestream: " + e.getMessage());
                return;
            }
        }
        if (runtime.restoreWanted()) {
            try {
                runtime.restoreMissingDatabases();
            } catch (Exception e) {
                fail(mode, config.required(), "restore on start failed: " + e.getMessage());
                if (config.required()) {
                    return;
                }
            }
        }
        runtime.start(instrumentation);
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
                startNow(agentArgs, mode, instrumentation);
            } catch (Throwable t) {
                System.err.println("[litestream-agent] ERROR unexpected failure; the application runs without replication: " + t);
            }
        }
    }

    /**
     * Logs why replication is off; with litestream.required=true, ends the JVM before main()
     * (never after an attach: that application is already serving).
     */
    private static void fail(Mode mode, boolean required, String why) {
        if (required && mode == Mode.PREMAIN) {
            AgentLog.logger(AgentBootstrap.class).error(
                    "{}\nlitestream.required=true: stopping the JVM before the application starts", why);
            System.exit(1);
        }
        AgentLog.logger(AgentBootstrap.class).error("{}\nThe application runs WITHOUT replication.", why);
    }
}
