package dev.litestreamagent.agent;

import dev.litestreamagent.cli.Cli;
import java.lang.instrument.Instrumentation;

/**
 * The jar's one entry point: Premain-Class ({@code -javaagent}), Agent-Class (attach) and
 * Main-Class (the CLI). Holds no state; nothing thrown here may reach the host application.
 */
public final class LitestreamAgent {
    private LitestreamAgent() {
    }

    public static void premain(String agentArgs, Instrumentation instrumentation) {
        AgentBootstrap.start(agentArgs, false, instrumentation);
    }

    public static void agentmain(String agentArgs, Instrumentation instrumentation) {
        AgentBootstrap.start(agentArgs, true, instrumentation);
    }

    public static void main(String[] args) {
        Cli.main(args);
    }
}
