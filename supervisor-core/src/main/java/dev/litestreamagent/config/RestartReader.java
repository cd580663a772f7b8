package dev.litestreamagent.config;

import dev.litestreamagent.settings.Durations;
import dev.litestreamagent.settings.Keys;
import dev.litestreamagent.supervisor.RestartPolicy;
import java.time.Duration;

/** Reads {@code litestream.restart.*} into the supervisor's {@link RestartPolicy}. */
final class RestartReader {
    private RestartReader() {
    }

    static RestartPolicy read(SettingReader r) {
        Duration initialDelay = r.read(Keys.RESTART_INITIAL_DELAY);
        double multiplier = r.read(Keys.RESTART_MULTIPLIER);
        Duration maxDelay = r.read(Keys.RESTART_MAX_DELAY);
        boolean maxBelowInitial = maxDelay.compareTo(initialDelay) < 0;
        if (maxBelowInitial) {
            r.problem(Keys.RESTART_MAX_DELAY.name(), Durations.format(maxDelay),
                    "at least " + Keys.RESTART_INITIAL_DELAY + " (" + Durations.format(initialDelay) + ")");
        }
        double jitter = r.read(Keys.RESTART_JITTER);
        Duration minUptime = r.read(Keys.RESTART_MIN_UPTIME);
        int crashLoopCount = r.read(Keys.RESTART_CRASH_LOOP_COUNT);
        Duration crashLoopWindow = r.read(Keys.RESTART_CRASH_LOOP_WINDOW);
        String action = r.read(Keys.RESTART_CRASH_LOOP_ACTION);
        if (maxBelowInitial) {
            return RestartPolicy.defaults(); // reported above; the configuration is refused as a whole
        }
        return RestartPolicy.builder().initialDelay(initialDelay).multiplier(multiplier).maxDelay(maxDelay)
                .jitter(jitter).minUptime(minUptime).crashLoopCount(crashLoopCount).crashLoopWindow(crashLoopWindow)
                .giveUpOnCrashLoop(action.equals("give-up")).build();
    }
}
