package dev.litestreamagent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.litestreamagent.dialect.LitestreamVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden messages for misspelt, snake_case and other-version replica options, per replica type and version:
 * {@code golden/replica-option-errors.tsv} holds version, type, the one bad line and the problem it gives.
 * A replica of each type is complete without the bad line, so that problem is the only one.
 */
class ReplicaOptionErrorsTest {
    private static final Map<String, String> REPLICAS = Map.of(
            "s3", "replica.type=s3;replica.bucket=b",
            "file", "replica.type=file;replica.path=/backups/a",
            "gcs", "replica.type=gcs;replica.bucket=b",
            "abs", "replica.type=abs;replica.bucket=b;replica.account-name=acct",
            "sftp", "replica.type=sftp;replica.host=h:22;replica.user=u",
            "nats", "replica.type=nats;replica.url=nats://h:4222;replica.bucket=b",
            "oss", "replica.type=oss;replica.bucket=b",
            "webdav", "replica.type=webdav;replica.webdav-url=https://dav.test/d");

    static Stream<Arguments> cases() throws Exception {
        List<Arguments> cases = new ArrayList<>();
        for (String line : Files.readAllLines(GoldenYamlTest.golden("replica-option-errors.tsv"))) {
            if (!line.isEmpty() && !line.startsWith("#")) {
                String[] cells = line.split("\t");
                cases.add(Arguments.of(cells[0], cells[1], cells[2], cells[3]));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{1} replica on Litestream {0}: {2}")
    @MethodSource("cases")
    void aBadOptionIsOneProblemNamingItsKeyAndTheFix(String version, String type, String bad, String expected) {
        StringBuilder args = new StringBuilder("dbs.a.path=a.db");
        for (String option : (REPLICAS.get(type) + ";" + bad).split(";")) {
            args.append(";dbs.a.").append(option);
        }
        ConfigException e = assertThrows(ConfigException.class, () -> LitestreamYaml.render(
                ConfigLoader.load(ConfigInput.of(args.toString(), Map.of(), Map.of(), Path.of("/srv/app"), null)),
                LitestreamVersion.parse(version)));
        assertEquals(List.of(expected), e.problems().stream().map(ConfigProblem::toString).collect(Collectors.toList()));
    }
}
