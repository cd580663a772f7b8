package dev.litestreamagent.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.litestreamagent.testing.ProcessResult;
import java.util.ArrayList;
import java.util.List;

/**
 * Repeated first starts of an application on new databases: a race with Litestream's first sync
 * shows on some starts only, so every start runs, each one's problems are printed and counted,
 * and the verdict comes at the end with the figures (and the output of the first start that went wrong).
 */
final class FirstStarts {
    /** One first start, in a folder of its own. */
    interface Start {
        Outcome run(int number) throws Exception;
    }

    /** What a start printed, and what a user would see go wrong in it (empty when nothing did). */
    record Outcome(ProcessResult app, List<String> problems) {
    }

    private FirstStarts() {
    }

    static void assertEveryOneClean(String application, int count, Start start) throws Exception {
        List<String> problems = new ArrayList<>();
        for (int number = 1; number <= count; number++) {
            long began = System.nanoTime();
            Outcome outcome = start.run(number);
            long millis = (System.nanoTime() - began) / 1_000_000;
            System.out.printf("%s first start %d: exit %d, %d ms with its checks, %s%n", application, number,
                    outcome.app().exitCode(), millis, outcome.problems().isEmpty() ? "clean" : outcome.problems());
            if (!outcome.problems().isEmpty()) {
                problems.add("first start " + number + ": " + outcome.problems()
                        + (problems.isEmpty() ? "\n" + outcome.app().output() : ""));
            }
        }
        assertEquals(List.of(), problems, problems.size() + " of " + count + " first starts of " + application + " went wrong");
    }
}
