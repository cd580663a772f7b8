package dev.litestreamagent.cli.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.litestreamagent.dialect.Dialect;
import dev.litestreamagent.dialect.LitestreamVersion;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The database argument is found after Litestream's flags, per version, as Go's flag package would. */
class LitestreamArgsTest {
    private static final Dialect V03 = Dialect.of(LitestreamVersion.V0_3_13);
    private static final Dialect V05 = Dialect.of(LitestreamVersion.parse("0.5.2"));

    private static List<Integer> positional(String command, Dialect dialect, String... args) {
        return LitestreamArgs.of(command, dialect).positionalIndexes(List.of(args));
    }

    @Test
    void restoreOn03SkipsTheValuesOfItsValueFlags() {
        assertEquals(List.of(10), positional("restore", V03, "-o", "out.db", "-replica", "s3", "-generation", "abc",
                "-index", "7", "-timestamp", "2020-01-01T00:00:00Z", "default"));
        assertEquals(List.of(3), positional("restore", V03, "-if-db-not-exists", "-if-replica-exists", "-parallelism=4",
                "default"));
        assertEquals(List.of(2), positional("restore", V03, "--o", "out.db", "default"));
    }

    @Test
    void restoreOn05KnowsItsOwnFlags() {
        assertEquals(List.of(9), positional("restore", V05, "-txid", "0000000000000042", "-f", "-follow-interval", "1s",
                "-integrity-check", "full", "-o", "out.db", "default"));
        // -replica does not exist on 0.5: it is taken as a boolean, so its "value" is the positional.
        assertEquals(List.of(1, 2), positional("restore", V05, "-replica", "s3", "default"));
    }

    @Test
    void listingCommandsTakeReplicaAndGenerationValues() {
        assertEquals(List.of(4), positional("wal", V03, "-replica", "s3", "-generation", "g1", "default"));
        assertEquals(List.of(2), positional("generations", V03, "-replica", "s3", "default"));
        assertEquals(List.of(2), positional("ltx", V05, "-replica", "s3", "default"));
    }

    @Test
    void flagsEndAtTheFirstPositionalOrAtDoubleDash() {
        assertEquals(List.of(0, 1), positional("restore", V03, "default", "-o"));
        assertEquals(List.of(1), positional("restore", V03, "--", "-odd-name.db"));
        assertEquals(List.of(), positional("replicate", V03, "-exec", "java -jar app.jar"));
        assertEquals(List.of(2, 3), positional("replicate", V05, "-log-level", "debug", "/data/app.db", "s3://b/app.db"));
    }

    @Test
    void anOperatorsConfigFlagIsRefusedWithTheReason() {
        UsageException e = assertThrows(UsageException.class,
                () -> LitestreamArgs.of("restore", V03).rejectConfigFlag(List.of("-config=/etc/litestream.yml", "default")));
        assertTrue(e.getMessage().contains("-config=/etc/litestream.yml"), e.getMessage());
        assertTrue(e.getMessage().contains("config command"), e.getMessage());
    }
}
