package dev.litestreamagent.config;

import dev.litestreamagent.supervisor.ResyncPolicy;
import java.time.Duration;

/** Reads {@code litestream.resync.*} into the supervisor's {@link ResyncPolicy}. */
final class ResyncReader {
    private ResyncReader() {
    }

    static ResyncPolicy read(SettingReader r) {
        ResyncPolicy d = ResyncPolicy.defaults();
        boolean enabled = r.bool(Keys.RESYNC_ENABLED, true);
        Duration quietPeriod = r.duration(Keys.RESYNC_QUIET_PERIOD, d.quietPeriod());
        Duration maxWait = r.duration(Keys.RESYNC_MAX_WAIT, d.maxWait());
        Duration stallTimeout = r.duration(Keys.RESYNC_STALL_TIMEOUT, d.stallTimeout());
        if (maxWait.compareTo(quietPeriod) < 0) {
            r.problem(Keys.RESYNC_MAX_WAIT, Durations.format(maxWait),
                    "at least " + Keys.RESYNC_QUIET_PERIOD + " (" + Durations.format(quietPeriod) + ")");
            return d; // reported; the configuration is refused as a whole
        }
        return enabled ? ResyncPolicy.of(quietPeriod, maxWait, stallTimeout) : ResyncPolicy.off();
    }
}
