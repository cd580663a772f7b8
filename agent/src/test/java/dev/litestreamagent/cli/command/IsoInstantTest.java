package dev.litestreamagent.cli.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** status reads the agent's times as Instant.parse would, without its formatters. */
class IsoInstantTest {
    @Test
    void readsWhatInstantParseReads() {
        Instant now = Instant.now();
        for (String text : List.of(now.toString(), Instant.ofEpochSecond(now.getEpochSecond()).toString(),
                Instant.ofEpochMilli(now.toEpochMilli()).toString(), "2024-02-29T23:59:59.5Z", "1970-01-01T00:00:00Z",
                "1969-12-31T23:59:59.999999999Z", "2026-12-02T03:08:46.1234Z", "0000-01-01T00:00:00Z",
                "2026-12-02T03:08:46+01:00", "2026-12-02T24:00:00Z",
                "2026-12-02T03:08:46.Z")) {
            assertEquals(Instant.parse(text), IsoInstant.parse(text), text);
        }
    }

    @Test
    void textThatIsNoInstantFailsAsInInstantParse() {
        for (String text : List.of("", "2026-02-30T00:00:00Z", "2026-12-02T03:08:60Z", "2026-12-02T03:08:46.1234567890Z", "2026-12-02 03:08:46Z", "2026-1x-02T03:08:46Z", "yesterday")) {
            assertThrows(DateTimeParseException.class, () -> Instant.parse(text), text);
            assertThrows(DateTimeParseException.class, () -> IsoInstant.parse(text), text);
        }
    }
}
