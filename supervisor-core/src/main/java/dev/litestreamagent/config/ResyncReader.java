package dev.litestreamagent.config;

import dev.litestreamagent.settings.Durations;
import dev.litestreamagent.settings.Keys;
import dev.litestreamagent.supervisor.ResyncPolicy;
import java.time.Duration;

/** Reads {@code litestream.resync.*} into the supervisor's {@link ResyncPolicy}. */
final class ResyncReader {
    private ResyncReader() {
    }

    static ResyncPolicy read(SettingReader r) {
        boolean enabled = r.read(Keys.RESYNC_ENABLED);
        Duration quietPeriod = r.read(Keys.RESYNC_QUIET_PERIOD);
        Duration maxWait = r.read(Keys.RESYNC_MAX_WAIT);
        Duration stallTimeout = r.read(Keys.RESYNC_STALL_TIMEOUT);
        if (maxWait.compareTo(quietPeriod) < 0) {
            r.problem(Keys.RESYNC_MAX_WAIT.name(), Durations.format(maxWait),
                    "at least " + Keys.RESYNC_QUIET_PERIOD + " (" + Durations.format(quietPeriod) + ")");
            return ResyncPolicy.defaults(); // reported; the configuration is refused as a whole
        }
        return enabled ? ResyncPolicy.of(quietPeriod, maxWait, stallTimeout) : ResyncPolicy.off();
    }
}
