package dev.litestreamagent.agent.logging;

import java.io.PrintStream;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;
import org.slf4j.event.Level;

/** One {@link AgentLogger} per name, all writing to the same stream at one threshold. */
final class AgentLoggerFactory implements ILoggerFactory {
    private final ConcurrentMap<String, Logger> loggers = new ConcurrentHashMap<>();
    private final Level threshold;
    private final PrintStream out;

    AgentLoggerFactory(Level threshold, PrintStream out) {
        this.threshold = threshold;
        this.out = out;
    }

    @Override
    public Logger getLogger(String name) {
        return loggers.computeIfAbsent(name, n -> new AgentLogger(n, threshold, out));
    }
}
