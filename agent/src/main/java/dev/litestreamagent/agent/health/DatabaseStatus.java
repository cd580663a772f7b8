package dev.litestreamagent.agent.health;

import dev.litestreamagent.verify.VerificationRecord;
import dev.litestreamagent.verify.VerifyResult;
import dev.litestreamagent.verify.VerifyResult.Outcome;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.StandardMBean;
import org.slf4j.Logger;

/** A {@link DatabaseStatusMBean}: each read takes a fresh {@link HealthSnapshot}, as a request to /health does. */
public final class DatabaseStatus implements DatabaseStatusMBean {
    private final HealthSource source;
    private final String alias;

    DatabaseStatus(HealthSource source, String alias) {
        this.source = source;
        this.alias = alias;
    }

    static ObjectName objectName(String alias) throws JMException {
        return new ObjectName("dev.litestreamagent:type=Database,name=" + ObjectName.quote(alias));
    }

    /** Registers one MBean per configured database; a name already taken is logged and skipped. */
    public static List<ObjectName> registerAll(HealthSource source, Logger log) {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        List<ObjectName> registered = new ArrayList<>();
        for (String alias : source.aliases()) {
            try {
                ObjectName name = objectName(alias);
                server.registerMBean(new StandardMBean(new DatabaseStatus(source, alias), DatabaseStatusMBean.class), name);
                registered.add(name);
            } catch (JMException e) {
                log.warn("Cannot register the JMX MBean of database '{}': {}", alias, e.toString());
            }
        }
        return registered;
    }

    public static void unregisterAll(List<ObjectName> names) {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        for (ObjectName name : names) {
            try {
                server.unregisterMBean(name);
            } catch (JMException alreadyGone) {
                // unregistered by someone else: nothing left to do
            }
        }
    }

    @Override
    public String getAlias() {
        return alias;
    }

    @Override
    public String getPath() {
        return current().path().toString();
    }

    @Override
    public boolean isReplicating() {
        return current().replicating();
    }

    @Override
    public String getLastUploadTime() {
        return current().lastUpload().map(Instant::toString).orElse(null);
    }

    @Override
    public Double getLastUploadAgeSeconds() {
        HealthSnapshot snapshot = source.take();
        return find(snapshot).lastUpload().map(t -> seconds(Duration.between(t, snapshot.takenAt()))).orElse(null);
    }

    @Override
    public String getLastVerifyTime() {
        return last(r -> r.time().toString());
    }

    @Override
    public String getLastVerifyOutcome() {
        return last(r -> r.outcome().label());
    }

    @Override
    public String getLastVerifyReason() {
        return last(VerifyResult::reason);
    }

    @Override
    public Double getLastVerifyDurationSeconds() {
        return verification().map(v -> seconds(v.last().duration())).orElse(null);
    }

    @Override
    public String getLastVerifySuccessTime() {
        return verification().flatMap(VerificationRecord::lastSuccess).map(Instant::toString).orElse(null);
    }

    @Override
    public long getVerifyInSyncCount() {
        return count(Outcome.IN_SYNC);
    }

    @Override
    public long getVerifyOutOfSyncCount() {
        return count(Outcome.OUT_OF_SYNC);
    }

    @Override
    public long getVerifyFailedCount() {
        return count(Outcome.FAILED);
    }

    @Override
    public long getVerifySkippedCount() {
        return count(Outcome.SKIPPED);
    }

    private DatabaseHealth current() {
        return find(source.take());
    }

    private DatabaseHealth find(HealthSnapshot snapshot) {
        return snapshot.databases().stream().filter(db -> db.alias().equals(alias)).findFirst()
                .orElseThrow(() -> new IllegalStateException("database '" + alias + "' is not configured"));
    }

    private Optional<VerificationRecord> verification() {
        return current().verification();
    }

    private String last(Function<VerifyResult, String> field) {
        return verification().map(v -> field.apply(v.last())).orElse(null);
    }

    private long count(Outcome outcome) {
        return verification().map(v -> v.counts().get(outcome)).orElse(0L);
    }

    private static double seconds(Duration duration) {
        return Math.max(0, duration.toMillis()) / 1000.0;
    }
}
