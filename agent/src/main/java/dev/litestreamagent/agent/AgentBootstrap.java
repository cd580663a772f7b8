package dev.litestreamagent.agent;

import dev.litestreamagent.agent.logging.AgentLogging;
import dev.litestreamagent.config.AgentConfig;
import dev.litestreamagent.config.ConfigException;
import dev.litestreamagent.config.ConfigInput;
import dev.litestreamagent.config.ConfigLoader;

/**
 * What premain and agentmain do: as little as possible before returning. Read the configuration
 * (a bad one must be known before main() when litestream.required=true), restore missing
 * databases when asked, and hand the rest to a background thread.
 */
final class AgentBootstrap {
    enum Mode { PREMAIN, AGENTMAIN }

    private AgentBootstrap() {
    }

    static void start(String agentArgs, Mode mode) {
        try {
            if (JdkTools.isJdkTool(System.getProperty("sun.java.command"), System.getenv("JAVA_TOOL_OPTIONS"))) {
                return;
            }
            if (!AgentGuard.claim(mode.name().toLowerCase(java.util.Locale.ROOT))) {
                return;
            }
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
            if (config.databases().isEmpty()) {
                AgentLog.logger(AgentBootstrap.class).warn(
                        "No database configured (litestream.dbs.<alias>.url or .path): no replication. Sources: {}",
                        config.sources());
                return;
            }
            AgentRuntime runtime = new AgentRuntime(config);
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
            runtime.start();
        } catch (Throwable t) {
            // Never into the host: an exception escaping premain kills the application.
            System.err.println("[litestream-agent] ERROR unexpected failure; the application runs without replication: " + t);
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
