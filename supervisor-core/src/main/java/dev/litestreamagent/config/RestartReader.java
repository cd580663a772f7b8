package dev.litestreamagent.config;

import dev.litestreamagent.supervisor.RestartPolicy;
import java.time.Duration;
import java.util.Arrays;

/** Reads {@code litestream.restart.*} into the supervisor's {@link RestartPolicy}. */
final class RestartReader {
    private RestartReader() {
    }

    static RestartPolicy read(SettingReader r) {
        RestartPolicy d = RestartPolicy.defaults();
        Duration initialDelay = r.duration(Keys.RESTART_INITIAL_DELAY, d.initialDelay());
        double multiplier = r.decimal(Keys.RESTART_MULTIPLIER, d.multiplier(), 1.0, 100.0);
        Duration maxDelay = r.duration(Keys.RESTART_MAX_DELAY, d.maxDelay());
        boolean maxBelowInitial = maxDelay.compareTo(initialDelay) < 0;
        if (maxBelowInitial) {
            r.problem(Keys.RESTART_MAX_DELAY, Durations.format(maxDelay),
                    "at least " + Keys.RESTART_INITIAL_DELAY + " (" + Durations.format(initialDelay) + ")");
        }
        double jitter = r.decimal(Keys.RESTART_JITTER, d.jitter(), 0.0, 1.0);
        Duration minUptime = r.duration(Keys.RESTART_MIN_UPTIME, d.minUptime());
        int crashLoopCount = r.integer(Keys.RESTART_CRASH_LOOP_COUNT, d.crashLoopCount(), 1);
        Duration crashLoopWindow = r.duration(Keys.RESTART_CRASH_LOOP_WINDOW, d.crashLoopWindow());
        String action = r.choice(Keys.RESTART_CRASH_LOOP_ACTION, Arrays.asList("retry", "give-up")).orElse("retry");
        r.effectiveDefault(Keys.RESTART_CRASH_LOOP_ACTION, action);
        if (maxBelowInitial) {
            return d; // reported above; the configuration is refused as a whole
        }
        return RestartPolicy.builder().initialDelay(initialDelay).multiplier(multiplier).maxDelay(maxDelay)
                .jitter(jitter).minUptime(minUptime).crashLoopCount(crashLoopCount).crashLoopWindow(crashLoopWindow)
                .giveUpOnCrashLoop(action.equals("give-up")).build();
    }
}
