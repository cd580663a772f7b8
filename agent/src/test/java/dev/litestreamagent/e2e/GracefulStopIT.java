package dev.litestreamagent.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.litestreamagent.testing.Harness;
import dev.litestreamagent.testing.LitestreamHarness;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every row an application commits before its JVM is gone reaches the replica, however it is
 * stopped: SIGTERM while its own shutdown code still writes (Spring's context close, its own
 * hook), as PID 1 of a PID namespace (a container), Ctrl-C in a terminal, a signal to its
 * process group, a hook that hangs, SIGKILL, SIGKILL within Litestream's first second, a daemon
 * thread that commits as fast as it can after every hook returned (SIGTERM, System.exit). Real Litestream 0.3.13, file and S3 replicas, on
 * an existing database; no Litestream of the run may be left 3 s after the JVM.
 *
 * <p>Each application gets one database per replica kind, and the scenarios take turns stopping
 * it, as the restarts of one service would. {@code -Dlitestream.soak.repeats=N} (default 2)
 * stops it N times per scenario, half on each replica kind; {@code
 * -Dlitestream.stop.scenarios=HOOK_SIGTERM,...} runs only those. Figures per scenario and
 * replica go to {@code agent/target/stop-results.tsv}.
 */
@ExtendWith(LitestreamHarness.class)
class GracefulStopIT {
    private static final int REPEATS = Integer.getInteger("litestream.soak.repeats", 2);
    private static final String ONLY = System.getProperty("litestream.stop.scenarios", "");
    private static final Map<String, List<StopOutcome>> OUTCOMES = new ConcurrentHashMap<>();

    @TestFactory
    Stream<DynamicContainer> everyAckedRowIsRestoredAfterTheStop(Harness harness) {
        return Arrays.stream(StopApp.values()).flatMap(app -> Arrays.stream(ReplicaKind.values()).map(replica -> {
            List<StopScenario> scenarios = Arrays.stream(StopScenario.values())
                    .filter(s -> s.app() == app && (ONLY.isBlank() || Arrays.asList(ONLY.split(",")).contains(s.name())))
                    .collect(Collectors.toList());
            int rounds = replica == ReplicaKind.FILE ? (REPEATS + 1) / 2 : REPEATS / 2;
            Sequence sequence = new Sequence(harness, app, replica);
            Stream<DynamicTest> stops = IntStream.rangeClosed(1, rounds).boxed().flatMap(round -> scenarios.stream()
                    .map(scenario -> DynamicTest.dynamicTest(scenario + " #" + round, () -> sequence.stop(scenario))));
            return DynamicContainer.dynamicContainer(app + " on a " + replica + " replica", stops);
        }));
    }

    @AfterAll
    static void recordFigures() throws Exception {
        for (StopScenario scenario : StopScenario.values()) {
            for (ReplicaKind replica : ReplicaKind.values()) {
                List<StopOutcome> outcomes = OUTCOMES.get(scenario + " " + replica);
                if (outcomes != null) {
                    StopResults.record(scenario, replica, outcomes);
                }
            }
        }
    }

    /** One database stopped by each scenario in turn; its first run happens before the first stop. */
    private static final class Sequence {
        private final Harness harness;
        private final StopApp app;
        private final ReplicaKind replica;
        private final long seed = System.nanoTime();
        private StopSequence prepared;
        private AssertionError unprepared;

        Sequence(Harness harness, StopApp app, ReplicaKind replica) {
            this.harness = harness;
            this.app = app;
            this.replica = replica;
        }

        void stop(StopScenario scenario) throws Exception {
            scenario.launch().assumeAvailable();
            StopOutcome outcome = prepared().stop(scenario);
            OUTCOMES.computeIfAbsent(scenario + " " + replica, k -> new ArrayList<>()).add(outcome);
            assertTrue(outcome.ok(), scenario + " on a " + replica + " replica (random seed " + seed + "): " + outcome);
        }

        private StopSequence prepared() throws Exception {
            if (unprepared != null) {
                throw unprepared;
            }
            if (prepared == null) {
                try {
                    prepared = StopSequence.prepare(harness, app, replica, harness.tempDir().resolve(app + "-" + replica),
                            seed);
                } catch (AssertionError e) {
                    unprepared = e;
                    throw e;
                }
            }
            return prepared;
        }
    }
}
