package dev.litestreamagent.cli.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.litestreamagent.dialect.Dialect;
import dev.litestreamagent.dialect.LitestreamVersion;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Flags and positionals are told apart per version, flags before or after the database, as argparse would. */
class LitestreamArgsTest {
    private static final Dialect V03 = Dialect.of(LitestreamVersion.V0_3_13);
    private static final Dialect V05 = Dialect.of(LitestreamVersion.parse("0.5.2"));

    private static List<String> positional(String command, Dialect dialect, String... args) {
        return LitestreamArgs.of(command, dialect).split(List.of(args)).positionals();
    }

    private static List<String> forLitestream(String command, Dialect dialect, String... args) {
        LitestreamArgs.Split split = LitestreamArgs.of(command, dialect).split(List.of(args));
        return split.forLitestream(split.positionals());
    }

    @Test
    void restoreOn03SkipsTheValuesOfItsValueFlags() {
        assertEquals(List.of("default"), positional("restore", V03, "-o", "out.db", "-replica", "s3", "-generation", "abc",
                "-index", "7", "-timestamp", "2020-01-01T00:00:00Z", "default"));
        assertEquals(List.of("default"), positional("restore", V03, "-if-db-not-exists", "-if-replica-exists",
                "-parallelism=4", "default"));
        assertEquals(List.of("default"), positional("restore", V03, "--o", "out.db", "default"));
    }

    @Test
    void restoreOn05KnowsItsOwnFlags() {
        assertEquals(List.of("default"), positional("restore", V05, "-txid", "0000000000000042", "-f",
                "-follow-interval", "1s", "-integrity-check", "full", "-o", "out.db", "default"));
        // -replica does not exist on 0.5: it is taken as a boolean, so its "value" is a positional.
        assertEquals(List.of("s3", "default"), positional("restore", V05, "-replica", "s3", "default"));
    }

    @Test
    void listingCommandsTakeReplicaGenerationAndLevelValues() {
        assertEquals(List.of("default"), positional("wal", V03, "-replica", "s3", "-generation", "g1", "default"));
        assertEquals(List.of("default"), positional("generations", V03, "-replica", "s3", "default"));
        assertEquals(List.of("default"), positional("ltx", V05, "-replica", "s3", "default"));
        assertEquals(List.of("default"), positional("ltx", V05, "-level", "3", "default"), "-level takes N, not DB");
    }

    @Test
    void flagsMayFollowTheDatabaseAndAreHandedOverFirst() {
        assertEquals(List.of("-o", "/tmp/x.db", "-if-replica-exists", "default"),
                forLitestream("restore", V03, "-o", "/tmp/x.db", "default", "-if-replica-exists"));
        assertEquals(List.of("-replica", "s3", "default"), forLitestream("snapshots", V03, "default", "-replica", "s3"));
        assertEquals(List.of("-level", "2", "/data/app.db"), forLitestream("ltx", V05, "/data/app.db", "-level", "2"));
    }

    @Test
    void doubleDashEndsTheFlagsAndIsKeptWhenAPositionalLooksLikeAFlag() {
        assertEquals(List.of("-odd-name.db"), positional("restore", V03, "--", "-odd-name.db"));
        assertEquals(List.of("-o", "x.db", "--", "-odd-name.db"), forLitestream("restore", V03, "-o", "x.db", "--",
                "-odd-name.db"));
        assertEquals(List.of(), positional("replicate", V03, "-exec", "java -jar app.jar"));
        assertEquals(List.of("/data/app.db", "s3://b/app.db"),
                positional("replicate", V05, "-log-level", "debug", "/data/app.db", "s3://b/app.db"));
    }

    @Test
    void aValueFlagWithoutItsValueIsRefusedWhereverItStands() {
        UsageException e = assertThrows(UsageException.class,
                () -> LitestreamArgs.of("restore", V03).split(List.of("default", "-o")));
        assertEquals("restore: flag \"-o\" needs a value", e.getMessage());
    }

    @Test
    void aFlagTakenAsBooleanBeforeAWordIsNamedAsTheLikelyAmbiguity() {
        LitestreamArgs.Split split = LitestreamArgs.of("restore", V05).split(List.of("-replica", "s3", "default"));
        assertEquals("-replica", split.suspectedValueFlag().orElseThrow());
        assertTrue(LitestreamArgs.of("restore", V05).split(List.of("-f", "default")).suspectedValueFlag().isPresent());
        assertTrue(LitestreamArgs.of("restore", V05).split(List.of("default", "-f")).suspectedValueFlag().isEmpty());
    }

    @Test
    void anOperatorsConfigFlagIsRefusedWithTheReason() {
        UsageException e = assertThrows(UsageException.class,
                () -> LitestreamArgs.of("restore", V03).split(List.of("-config=/etc/litestream.yml", "default")));
        assertTrue(e.getMessage().contains("-config=/etc/litestream.yml"), e.getMessage());
        assertTrue(e.getMessage().contains("config command"), e.getMessage());
        e = assertThrows(UsageException.class,
                () -> LitestreamArgs.of("restore", V03).split(List.of("default", "-config", "x.yml")));
        assertTrue(e.getMessage().contains("-config is not accepted"), e.getMessage());
    }

    @Test
    void noExpandEnvIsRefusedBecauseTheGeneratedConfigNeedsItsVariables() {
        for (Dialect dialect : List.of(V03, V05)) {
            UsageException e = assertThrows(UsageException.class,
                    () -> LitestreamArgs.of("replicate", dialect).split(List.of("--no-expand-env")));
            assertTrue(e.getMessage().startsWith("replicate: -no-expand-env is not accepted (seen \"--no-expand-env\")"),
                    e.getMessage());
            assertTrue(e.getMessage().contains("${LSA_"), e.getMessage());
        }
    }
}
