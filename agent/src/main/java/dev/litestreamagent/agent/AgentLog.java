package dev.litestreamagent.agent;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loggers for the agent's entry paths. SLF4J hands a thread that asks while another thread is
 * initialising it a substitute logger that drops the lines (and prints SLF4J warnings into the
 * host's stderr); premain, a second load and the start thread can race there, so the first
 * initialisation is serialised. Logging stays lazy: nothing initialises it on the happy path of premain.
 */
final class AgentLog {
    private AgentLog() {
    }

    static synchronized Logger logger(Class<?> type) {
        return LoggerFactory.getLogger(type);
    }
}
