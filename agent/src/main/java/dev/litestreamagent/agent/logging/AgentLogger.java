package dev.litestreamagent.agent.logging;

import java.io.PrintStream;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.AbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/** Writes {@code HH:mm:ss.SSS [litestream-agent] LEVEL logger - message} lines. */
final class AgentLogger extends AbstractLogger {
    private static final long serialVersionUID = 1L;
    static final String PREFIX = "[litestream-agent]";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

    private final transient PrintStream out;
    private final String shortName;

    AgentLogger(String name, PrintStream out) {
        this.name = name;
        this.out = out;
        this.shortName = name.startsWith("dev.litestreamagent.") ? name.substring(name.lastIndexOf('.') + 1) : name;
    }

    private static boolean enabled(Level level) {
        return AgentLogging.enabled(level);
    }

    @Override
    public boolean isTraceEnabled() {
        return enabled(Level.TRACE);
    }

    @Override
    public boolean isTraceEnabled(Marker marker) {
        return isTraceEnabled();
    }

    @Override
    public boolean isDebugEnabled() {
        return enabled(Level.DEBUG);
    }

    @Override
    public boolean isDebugEnabled(Marker marker) {
        return isDebugEnabled();
    }

    @Override
    public boolean isInfoEnabled() {
        return enabled(Level.INFO);
    }

    @Override
    public boolean isInfoEnabled(Marker marker) {
        return isInfoEnabled();
    }

    @Override
    public boolean isWarnEnabled() {
        return enabled(Level.WARN);
    }

    @Override
    public boolean isWarnEnabled(Marker marker) {
        return isWarnEnabled();
    }

    @Override
    public boolean isErrorEnabled() {
        return enabled(Level.ERROR);
    }

    @Override
    public boolean isErrorEnabled(Marker marker) {
        return isErrorEnabled();
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] args, Throwable thrown) {
        String message = MessageFormatter.basicArrayFormat(pattern, args);
        StringBuilder line = new StringBuilder(64 + message.length())
                .append(LocalTime.now().format(TIME)).append(' ').append(PREFIX).append(' ')
                .append(level).append(' ').append(shortName).append(" - ").append(message);
        if (thrown != null) {
            // The cause's message only: stack traces are for bugs, and the agent logs its own errors plainly.
            line.append(": ").append(thrown);
        }
        synchronized (out) {
            out.println(line);
        }
    }
}
