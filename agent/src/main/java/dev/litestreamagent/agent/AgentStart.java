package dev.litestreamagent.agent;

import dev.litestreamagent.agent.logging.AgentLogging;
import dev.litestreamagent.config.AgentConfig;
import dev.litestreamagent.config.ConfigException;
import dev.litestreamagent.config.ConfigInput;
import dev.litestreamagent.config.ConfigLoader;
import java.lang.instrument.Instrumentation;
import java.util.Optional;

/**
 * The agent's start, once {@link AgentBootstrap} has decided when: reads the configuration, restores
 * what is missing when asked, and starts replication; or says why it does not.
 */
final class AgentStart {
    private AgentStart() {
    }

    /**
     * Loads the configuration, restores what is missing when asked, and starts replication.
     *
     * @param attached loaded into a running JVM (agentmain): litestream.required cannot stop it before main()
     */
    static void run(String agentArgs, boolean attached, Instrumentation instrumentation) {
        AgentConfig config;
        try {
            config = ConfigLoader.load(ConfigInput.fromRuntime(agentArgs));
        } catch (ConfigException e) {
            fail(attached, e.required(), e.getMessage());
            return;
        }
        AgentLogging.threshold(config.logLevel());
        if (!config.enabled()) {
            AgentLog.logger(AgentStart.class).info("Disabled (litestream.enabled=false): no replication");
            return;
        }
        Optional<String> cliOnly = CliOnlySettings.problem(config);
        if (cliOnly.isPresent()) {
            fail(attached, config.required(), cliOnly.get());
            return;
        }
        if (config.databases().isEmpty()) {
            AgentLog.logger(AgentStart.class).warn(
                    "No database configured (litestream.dbs.<alias>.url or .path): no replication. Sources: {}",
                    config.sources());
            return;
        }
        AgentRuntime runtime = new AgentRuntime(config);
        if (config.required() && !attached) {
            // Everything that can fail before Litestream runs (binary, download, version, the YAML for that
            // version) is done before main(), so that a failure stops the JVM instead of being logged.
            try {
                runtime.prepare();
            } catch (Exception e) {
                fail(attached, true, "Cannot start Litestream: " + e.getMessage());
                return;
            }
        }
        if (runtime.restoreWanted()) {
            try {
                runtime.restoreMissingDatabases();
            } catch (Exception e) {
                fail(attached, config.required(), "restore on start failed: " + e.getMessage());
                if (config.required()) {
                    return;
                }
            }
        }
        runtime.start(instrumentation);
    }

    /**
     * Logs why replication is off; with litestream.required=true, ends the JVM before main()
     * (never after an attach: that application is already serving).
     */
    private static void fail(boolean attached, boolean required, String why) {
        if (required && !attached) {
            AgentLog.logger(AgentStart.class).error(
                    "{}\nlitestream.required=true: stopping the JVM before the application starts", why);
            System.exit(1);
        }
        AgentLog.logger(AgentStart.class).error("{}\nThe application runs WITHOUT replication.", why);
    }
}
