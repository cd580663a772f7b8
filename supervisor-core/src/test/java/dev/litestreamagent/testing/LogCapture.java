package dev.litestreamagent.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.litestreamagent.supervisor.Supervisor;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.slf4j.LoggerFactory;

/** Captures what one logger (and its children) logs, for assertions on messages a user reads. */
public final class LogCapture implements AutoCloseable {
    private final Logger logger;
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    public LogCapture(String loggerName) {
        logger = (Logger) LoggerFactory.getLogger(loggerName);
        appender.start();
        logger.addAppender(appender);
    }

    public static LogCapture supervisor() {
        return new LogCapture(Supervisor.class.getName());
    }

    public List<String> messages(Level level) {
        synchronized (appender) { // AppenderBase.doAppend holds this monitor
            return appender.list.stream().filter(e -> e.getLevel() == level)
                    .map(ILoggingEvent::getFormattedMessage).collect(Collectors.toList());
        }
    }

    /**
     * "ERROR 'Litestream began an upload N ms ago ...' x2": WARN and ERROR messages with numbers
     * as N, cut at {@code words} words, counted.
     */
    public Map<String, Integer> warningsAndErrors(int words) {
        Map<String, Integer> counts = new TreeMap<>();
        synchronized (appender) {
            for (ILoggingEvent e : appender.list) {
                if (e.getLevel().isGreaterOrEqual(Level.WARN)) {
                    String[] split = e.getFormattedMessage().replaceAll("\\d+", "N").split(" ", words + 1);
                    String head = String.join(" ", java.util.Arrays.asList(split).subList(0, Math.min(words, split.length)));
                    counts.merge(e.getLevel() + " '" + head + (split.length > words ? " ..." : "") + "'", 1, Integer::sum);
                }
            }
        }
        return counts;
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
    }
}
