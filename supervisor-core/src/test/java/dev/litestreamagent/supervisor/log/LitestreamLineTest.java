package dev.litestreamagent.supervisor.log;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ch.qos.logback.classic.Level;
import dev.litestreamagent.testing.LogCapture;
import dev.litestreamagent.testing.TestBinary;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The line formats Litestream v0.3.13 prints (copied from its real output) and anything else. */
class LitestreamLineTest {
    private static LitestreamLine parse(String raw) {
        return LitestreamLine.parse(raw, TestBinary.LOG_MARKERS);
    }

    @Test
    void jsonLinesKeepTheirLevelAndFieldsButNotTheTime() {
        LitestreamLine line = parse("{\"time\":\"2026-11-28T05:21:14.788012061Z\",\"level\":\"INFO\","
                + "\"msg\":\"replicating to\",\"name\":\"file\",\"type\":\"file\",\"sync-interval\":1000000000,"
                + "\"path\":\"/tmp/rep\"}");
        assertEquals(LitestreamLine.Level.INFO, line.level());
        assertEquals("replicating to name=file type=file sync-interval=1000000000 path=/tmp/rep", line.text());
    }

    @Test
    void jsonErrorsWithEscapesAndNestedValues() {
        LitestreamLine line = parse("{\"level\":\"ERROR\",\"msg\":\"monitor error\","
                + "\"error\":\"dial \\\"tcp\\\" refused\",\"extra\":{\"a\":[1,2]}}");
        assertEquals(LitestreamLine.Level.ERROR, line.level());
        assertEquals("monitor error error=\"dial \"tcp\" refused\" extra={\"a\":[1,2]}", line.text());
    }

    @Test
    void textLinesAreParsedToo() {
        LitestreamLine line = parse("time=2026-11-28T05:21:16.291Z level=WARN msg=\"initialized db\" "
                + "path=/tmp/lsprobe/a.db");
        assertEquals(LitestreamLine.Level.WARN, line.level());
        assertEquals("initialized db path=/tmp/lsprobe/a.db", line.text());
    }

    @Test
    void anythingElseIsInfoAsPrintedButAGoCrashIsAnError() {
        assertEquals("ERROR panic: runtime error {", parse("panic: runtime error {").toString());
        assertEquals("ERROR fatal error: out of memory", parse("fatal error: out of memory").toString());
        assertEquals("INFO goroutine 1 [running]:", parse("goroutine 1 [running]:").toString());
        assertEquals("INFO {not json", parse("{not json").toString());
        assertEquals(LitestreamLine.Level.DEBUG, parse("{\"level\":\"DEBUG\",\"msg\":\"x\"}").level());
    }

    @Test
    void uploadProgressIsDebugAGenerationResetInfoAndCancelledWorkWhileStoppingDebug() {
        String name = "dev.litestreamagent.litestream.test";
        try (LogCapture log = new LogCapture(name)) {
            ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(name);
            logger.setLevel(Level.DEBUG);
            parse("time=x level=INFO msg=\"write wal segment\" db=/d/a.db replica=s3").logTo(logger, false);
            parse("time=x level=INFO msg=\"wal segment written\" db=/d/a.db replica=s3").logTo(logger, false);
            parse("time=x level=WARN msg=\"init: cannot determine last wal position, clearing generation\" db=/d/a.db")
                    .logTo(logger, false);
            String cancelled = "time=x level=ERROR msg=\"checkpoint\" error=\"context canceled\"";
            parse(cancelled).logTo(logger, true);
            parse(cancelled).logTo(logger, false); // not while stopping: an error like any other
            parse("time=x level=ERROR msg=\"sync error\" error=\"connection refused\"").logTo(logger, true);

            assertEquals(List.of("write wal segment db=/d/a.db replica=s3", "wal segment written db=/d/a.db replica=s3",
                    "checkpoint error=\"context canceled\""), log.messages(Level.DEBUG));
            assertEquals(List.of("init: cannot determine last wal position, clearing generation db=/d/a.db"),
                    log.messages(Level.INFO));
            assertEquals(List.of("checkpoint error=\"context canceled\"", "sync error error=\"connection refused\""),
                    log.messages(Level.ERROR));
        }
    }

    /** Litestream 0.3.13's close racing its replica's own sync (real output): judged by the supervisor while stopping. */
    @Test
    void theCloseRacingItsOwnReplicaSyncIsAWarningWhileStopping() {
        String name = "dev.litestreamagent.litestream.race";
        try (LogCapture log = new LogCapture(name)) {
            ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(name);
            String closing = "time=x level=ERROR msg=\"error closing db\" db=/d/a.db error=\"client write: stat "
                    + "/r/generations/ce5b/wal/00000000_00004080.wal.lz4.tmp: no such file or directory\"";
            String monitor = "time=x level=ERROR msg=\"monitor error\" db=/d/a.db replica=file error=\"client write: "
                    + "rename /r/wal/00000000_000c6298.wal.lz4.tmp /r/wal/00000000_000c6298.wal.lz4: no such file or directory\"";
            parse(closing).logTo(logger, true);
            parse(monitor).logTo(logger, true);
            parse(closing).logTo(logger, false); // not while stopping: an error like any other

            assertEquals(2, log.messages(Level.WARN).size());
            assertEquals(1, log.messages(Level.ERROR).size());
            assertEquals(false, parse("time=x level=ERROR msg=\"monitor error\" error=\"open /r/x: no such file or "
                    + "directory\"").closeRacedOwnSync());
        }
    }
}
