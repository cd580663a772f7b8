package dev.litestreamagent.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.litestreamagent.testing.Harness;
import dev.litestreamagent.testing.LitestreamHarness;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every row an application commits before its JVM is gone reaches the replica, however it is
 * stopped: SIGTERM while its own shutdown code still writes (Spring's context close, its own
 * hook), as PID 1 of a PID namespace (a container), Ctrl-C in a terminal, a signal to its
 * process group, a hook that hangs, SIGKILL. Real Litestream 0.3.13, file and S3 replicas, on
 * an existing database; no Litestream of the run may be left 3 s after the JVM.
 *
 * <p>{@code -Dlitestream.soak.repeats=N} (default 2) stops each scenario N times, half of them
 * on each replica; {@code -Dlitestream.stop.scenarios=HOOK_SIGTERM,...} runs only those;
 * figures go to {@code agent/target/stop-results.tsv}.
 */
@ExtendWith(LitestreamHarness.class)
class GracefulStopIT {
    private static final int REPEATS = Integer.getInteger("litestream.soak.repeats", 2);
    private static final String ONLY = System.getProperty("litestream.stop.scenarios", "");

    static Stream<Arguments> scenarios() {
        List<String> only = Arrays.asList(ONLY.split(","));
        return Arrays.stream(StopScenario.values())
                .filter(s -> ONLY.isBlank() || only.contains(s.name()))
                .flatMap(s -> Arrays.stream(ReplicaKind.values()).map(r -> Arguments.of(s, r)));
    }

    @ParameterizedTest(name = "{0} on a {1} replica")
    @MethodSource("scenarios")
    void everyAckedRowIsRestoredAfterTheStop(StopScenario scenario, ReplicaKind replica, Harness harness) throws Exception {
        int stops = replica == ReplicaKind.FILE ? (REPEATS + 1) / 2 : REPEATS / 2;
        Assumptions.assumeTrue(stops > 0, "litestream.soak.repeats=" + REPEATS + " leaves no stop for this replica");
        scenario.launch().assumeAvailable();
        long seed = System.nanoTime();

        StopSequence sequence = StopSequence.prepare(harness, scenario, replica, seed);
        List<StopOutcome> outcomes = new ArrayList<>();
        for (int run = 1; run <= stops; run++) {
            outcomes.add(sequence.stop(run));
        }
        StopResults.record(scenario, replica, outcomes);

        assertTrue(outcomes.stream().allMatch(StopOutcome::ok), scenario + " on a " + replica + " replica, "
                + stops + " stops (random seed " + seed + "):\n" + outcomes.stream().map(StopOutcome::toString)
                .collect(Collectors.joining("\n")));
    }
}
