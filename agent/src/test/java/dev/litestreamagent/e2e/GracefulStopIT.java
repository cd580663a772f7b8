package dev.litestreamagent.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.litestreamagent.testing.Harness;
import dev.litestreamagent.testing.LitestreamHarness;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
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
 * -Dlitestream.stop.scenarios=HOOK_SIGTERM,...} runs only those. Two databases' sequences run at once, each
 * still stopped in turn, as on a host restarting two services ({@code -Dlitestream.stop.parallel=N}, 1 for
 * one at a time): it halves the soak's time, and its 240 stops lost no row. Figures per scenario and
 * replica go to {@code agent/target/stop-results.tsv}.
 */
@ExtendWith(LitestreamHarness.class)
class GracefulStopIT {
    private static final int REPEATS = Integer.getInteger("litestream.soak.repeats", 2);
    private static final int PARALLEL = Integer.getInteger("litestream.stop.parallel", 2);
    private static final String ONLY = System.getProperty("litestream.stop.scenarios", "");
    private static final Map<String, List<StopOutcome>> OUTCOMES = new ConcurrentHashMap<>();
    private static ExecutorService ahead;

    @TestFactory
    Stream<DynamicContainer> everyAckedRowIsRestoredAfterTheStop(Harness harness) {
        List<Sequence> sequences = Arrays.stream(StopApp.values()).flatMap(app -> Arrays.stream(ReplicaKind.values())
                .map(replica -> new Sequence(harness, app, replica))).collect(Collectors.toList());
        if (PARALLEL > 1) {
            runAhead(sequences);
        }
        return sequences.stream().map(sequence -> DynamicContainer.dynamicContainer(sequence.app + " on a "
                + sequence.replica + " replica", sequence.stops.stream().map(stop -> DynamicTest.dynamicTest(
                        stop.scenario + " #" + stop.round, stop::outcome))));
    }

    /** Pool threads run the sequences, the longest first; each dynamic test then reports its stop's outcome. */
    private static void runAhead(List<Sequence> sequences) {
        ahead = Executors.newFixedThreadPool(PARALLEL, task -> {
            Thread thread = new Thread(task, "stop-sequence");
            thread.setDaemon(true);
            return thread;
        });
        sequences.stream().sorted(Comparator.comparingInt((Sequence sequence) -> sequence.stops.size()).reversed())
                .forEach(sequence -> ahead.execute(() -> sequence.stops.forEach(PlannedStop::runAhead)));
    }

    @AfterAll
    static void recordFigures() throws Exception {
        if (ahead != null) {
            ahead.shutdown(); // every stop is over: its dynamic test awaited it
        }
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
        private final List<PlannedStop> stops = new ArrayList<>();
        private StopSequence prepared;
        private AssertionError unprepared;

        Sequence(Harness harness, StopApp app, ReplicaKind replica) {
            this.harness = harness;
            this.app = app;
            this.replica = replica;
            List<StopScenario> scenarios = Arrays.stream(StopScenario.values())
                    .filter(s -> s.app() == app && (ONLY.isBlank() || Arrays.asList(ONLY.split(",")).contains(s.name())))
                    .collect(Collectors.toList());
            int rounds = replica == ReplicaKind.FILE ? (REPEATS + 1) / 2 : REPEATS / 2;
            for (int round = 1; round <= rounds; round++) {
                for (StopScenario scenario : scenarios) {
                    stops.add(new PlannedStop(this, scenario, round));
                }
            }
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
    /** A stop of a sequence: run by its dynamic test, or ahead of it by a pool thread whose outcome the test reports. */
    private static final class PlannedStop {
        private final Sequence sequence;
        private final StopScenario scenario;
        private final int round;
        private final CompletableFuture<Void> ranAhead = new CompletableFuture<>();

        PlannedStop(Sequence sequence, StopScenario scenario, int round) {
            this.sequence = sequence;
            this.scenario = scenario;
            this.round = round;
        }

        void runAhead() {
            try {
                sequence.stop(scenario);
                ranAhead.complete(null);
            } catch (Throwable failedOrSkipped) {
                ranAhead.completeExceptionally(failedOrSkipped);
            }
        }

        void outcome() throws Throwable {
            if (PARALLEL <= 1) {
                sequence.stop(scenario);
                return;
            }
            try {
                ranAhead.get();
            } catch (ExecutionException e) {
                throw e.getCause(); // the assertion, or the assumption that skips it
            }
        }
    }
}
