package dev.litestreamagent.config;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;

/** Reads {@code litestream.restart.*}. */
final class RestartReader {
    private RestartReader() {
    }

    static RestartSettings read(SettingReader r) {
        RestartSettings d = RestartSettings.defaults();
        Duration initialDelay = r.duration(Keys.RESTART_INITIAL_DELAY, d.initialDelay());
        double multiplier = r.decimal(Keys.RESTART_MULTIPLIER, d.multiplier(), 1.0, 100.0);
        Duration maxDelay = r.duration(Keys.RESTART_MAX_DELAY, d.maxDelay());
        if (maxDelay.compareTo(initialDelay) < 0) {
            r.problem(Keys.RESTART_MAX_DELAY, Durations.format(maxDelay),
                    "at least " + Keys.RESTART_INITIAL_DELAY + " (" + Durations.format(initialDelay) + ")");
        }
        double jitter = r.decimal(Keys.RESTART_JITTER, d.jitter(), 0.0, 1.0);
        Duration minUptime = r.duration(Keys.RESTART_MIN_UPTIME, d.minUptime());
        int crashLoopCount = r.integer(Keys.RESTART_CRASH_LOOP_COUNT, d.crashLoopCount(), 1);
        Duration crashLoopWindow = r.duration(Keys.RESTART_CRASH_LOOP_WINDOW, d.crashLoopWindow());
        RestartSettings.CrashLoopAction action = r.choice(Keys.RESTART_CRASH_LOOP_ACTION, Arrays.asList("retry", "give-up"))
                .map(v -> RestartSettings.CrashLoopAction.valueOf(v.toUpperCase(Locale.ROOT).replace('-', '_')))
                .orElse(d.crashLoopAction());
        r.effectiveDefault(Keys.RESTART_CRASH_LOOP_ACTION, action.settingValue());
        return new RestartSettings(initialDelay, multiplier, maxDelay, jitter, minUptime, crashLoopCount,
                crashLoopWindow, action);
    }
}
