package dev.litestreamagent.supervisor.log;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.litestreamagent.testing.TestBinary;
import org.junit.jupiter.api.Test;

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
    void anythingElseIsInfoAsPrinted() {
        assertEquals("INFO panic: runtime error {", parse("panic: runtime error {").toString());
        assertEquals("INFO {not json", parse("{not json").toString());
        assertEquals(LitestreamLine.Level.DEBUG, parse("{\"level\":\"DEBUG\",\"msg\":\"x\"}").level());
    }
}
