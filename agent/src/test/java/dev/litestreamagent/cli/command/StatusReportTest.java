package dev.litestreamagent.cli.command;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class StatusReportTest {
    @Test
    void agesReadAsAPersonWouldSayThem() {
        assertEquals("0.8 s ago", StatusReport.ago(Duration.ofMillis(800)));
        assertEquals("42 s ago", StatusReport.ago(Duration.ofSeconds(42)));
        assertEquals("12 min ago", StatusReport.ago(Duration.ofMinutes(12)));
        assertEquals("3 h ago", StatusReport.ago(Duration.ofHours(3)));
        assertEquals("2 d ago", StatusReport.ago(Duration.ofDays(2)));
    }
}
