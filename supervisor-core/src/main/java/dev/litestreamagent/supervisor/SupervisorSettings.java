package dev.litestreamagent.supervisor;

import dev.litestreamagent.secrets.SecretMask;
import dev.litestreamagent.supervisor.log.LogMarkers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the {@link Supervisor} runs and how: plain values, so it does not depend on how the
 * configuration was read. Immutable; built with {@link #builder()}.
 */
public final class SupervisorSettings {
    /** Default bound of the Litestream log file in the state directory. */
    public static final long DEFAULT_MAX_LOG_BYTES = 10L * 1024 * 1024;

    private final Path binary;
    private final Path configFile;
    private final Map<String, String> environment;
    private final SecretMask outputMask;
    private final List<Path> databases;
    private final RestartPolicy restartPolicy;
    private final Duration stopTimeout;
    private final Duration startGrace;
    private final long parentPid;
    private final String name;
    private final long maxLogBytes;
    private final ResyncPolicy resyncPolicy;
    private final LogMarkers logMarkers;
    private final LaunchPlan launchPlan;

    private SupervisorSettings(Builder b) {
        this.binary = b.binary;
        this.configFile = b.configFile;
        this.environment = Collections.unmodifiableMap(new LinkedHashMap<>(b.environment));
        this.outputMask = b.outputMask;
        List<Path> dbs = new ArrayList<>();
        for (Path db : b.databases) {
            dbs.add(db.toAbsolutePath().normalize());
        }
        this.databases = Collections.unmodifiableList(dbs);
        this.restartPolicy = b.restartPolicy;
        this.stopTimeout = b.stopTimeout;
        this.startGrace = b.startGrace;
        this.parentPid = b.parentPid;
        this.name = b.name;
        this.maxLogBytes = b.maxLogBytes;
        this.resyncPolicy = b.resyncPolicy;
        this.logMarkers = b.logMarkers;
        this.launchPlan = b.launchPlan != null ? b.launchPlan : LaunchPlan.fixed(databases);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Path binary() {
        return binary;
    }

    public Path configFile() {
        return configFile;
    }

    /** Extra environment of the child (secrets, for example); never logged. */
    public Map<String, String> environment() {
        return environment;
    }

    /** Masks the secrets in a line Litestream printed, before it is logged or kept. */
    public SecretMask outputMask() {
        return outputMask;
    }

    /** Absolute, normalized paths of the databases the config replicates: each is locked. */
    public List<Path> databases() {
        return databases;
    }

    public RestartPolicy restartPolicy() {
        return restartPolicy;
    }

    public Duration stopTimeout() {
        return stopTimeout;
    }

    public Duration startGrace() {
        return startGrace;
    }

    public long parentPid() {
        return parentPid;
    }

    public String name() {
        return name;
    }

    public long maxLogBytes() {
        return maxLogBytes;
    }

    /** Quiet time after replication errors before a graceful restart makes Litestream sync again; zero = never. */
    public ResyncPolicy resyncPolicy() {
        return resyncPolicy;
    }

    /** How the installed Litestream words uploads and start-up: what resync, stall watch and "up" read. */
    public LogMarkers logMarkers() {
        return logMarkers;
    }

    /** Which of the databases each launch replicates; by default all of them, from the start. */
    public LaunchPlan launchPlan() {
        return launchPlan;
    }

    /** Every setting except the environment's values (they may be secrets). */
    @Override
    public String toString() {
        return "SupervisorSettings[name=" + name + ", binary=" + binary + ", configFile=" + configFile
                + ", environment keys=" + environment.keySet() + ", databases=" + databases + ", " + restartPolicy
                + ", stopTimeout=" + stopTimeout + ", startGrace=" + startGrace + ", parentPid=" + parentPid
                + ", maxLogBytes=" + maxLogBytes + ", resyncPolicy=" + resyncPolicy + ", " + logMarkers + "]";
    }

    /** Builder; binary, configFile, logMarkers, stopTimeout and at least one database are required. */
    public static final class Builder {
        private Path binary;
        private Path configFile;
        private Map<String, String> environment = Collections.emptyMap();
        private SecretMask outputMask = SecretMask.of(Collections.<String>emptyList());
        private List<Path> databases = Collections.emptyList();
        private RestartPolicy restartPolicy = RestartPolicy.defaults();
        private Duration stopTimeout;
        private Duration startGrace = Duration.ofSeconds(3);
        private long parentPid = ProcessHandle.current().pid();
        private String name = "litestream";
        private long maxLogBytes = DEFAULT_MAX_LOG_BYTES;
        private ResyncPolicy resyncPolicy = ResyncPolicy.defaults();
        private LogMarkers logMarkers;
        private LaunchPlan launchPlan;

        private Builder() {
        }

        public Builder binary(Path value) {
            binary = Objects.requireNonNull(value, "binary");
            return this;
        }

        public Builder configFile(Path value) {
            configFile = Objects.requireNonNull(value, "configFile");
            return this;
        }

        public Builder environment(Map<String, String> value) {
            environment = Objects.requireNonNull(value, "environment");
            return this;
        }

        /** Secret values Litestream may print (in an endpoint, a URL): masked in every line of its output. */
        public Builder outputMask(SecretMask value) {
            outputMask = Objects.requireNonNull(value, "outputMask");
            return this;
        }

        public Builder databases(List<Path> value) {
            databases = Objects.requireNonNull(value, "databases");
            return this;
        }

        public Builder restartPolicy(RestartPolicy value) {
            restartPolicy = Objects.requireNonNull(value, "restartPolicy");
            return this;
        }

        /** How long a stop waits for Litestream's final sync before killing it (required: a configured value). */
        public Builder stopTimeout(Duration value) {
            stopTimeout = Checks.positive("stopTimeout", value);
            return this;
        }

        /** How long a stop right after a start waits for Litestream to open its databases (default 3 s). */
        public Builder startGrace(Duration value) {
            startGrace = Checks.nonNegative("startGrace", value);
            return this;
        }

        /** The process whose death ends Litestream (default: this JVM). */
        public Builder parentPid(long value) {
            if (value <= 0) {
                throw new IllegalArgumentException("parentPid: " + value + "; expected a process id > 0");
            }
            parentPid = value;
            return this;
        }

        public Builder name(String value) {
            if (value == null || value.trim().isEmpty()) {
                throw new IllegalArgumentException("name: \"" + value + "\"; expected a non-blank name");
            }
            name = value;
            return this;
        }

        /** Size at which the Litestream log file in the state directory is truncated (default 10 MiB). */
        public Builder maxLogBytes(long value) {
            if (value < 4096) {
                throw new IllegalArgumentException("maxLogBytes: " + value + "; expected at least 4096 bytes");
            }
            maxLogBytes = value;
            return this;
        }

        /**
         * Graceful restarts that make Litestream upload what was written during a replication
         * outage (default {@link ResyncPolicy#defaults()}). See docs/supervisor.md.
         */
        public Builder resyncPolicy(ResyncPolicy value) {
            resyncPolicy = Objects.requireNonNull(value, "resyncPolicy");
            return this;
        }

        /**
         * The messages of the installed Litestream (its dialect's). Required: resync arms on errors and
         * only an upload it recognizes disarms it, so markers of another version would restart Litestream
         * for good.
         */
        public Builder logMarkers(LogMarkers value) {
            logMarkers = Objects.requireNonNull(value, "logMarkers");
            return this;
        }

        /** Holds databases back until they are ready, rewriting the config file before each launch. */
        public Builder launchPlan(LaunchPlan value) {
            launchPlan = Objects.requireNonNull(value, "launchPlan");
            return this;
        }

        public SupervisorSettings build() {
            List<String> errors = new ArrayList<>();
            if (binary == null) {
                errors.add("binary: not set; expected the path of the litestream executable");
            }
            if (configFile == null) {
                errors.add("configFile: not set; expected the path of the Litestream YAML config");
            }
            if (logMarkers == null) {
                errors.add("logMarkers: not set; expected the installed Litestream's (from its dialect)");
            }
            if (stopTimeout == null) {
                errors.add("stopTimeout: not set; expected how long a stop waits for Litestream's final sync");
            }
            if (databases.isEmpty()) {
                errors.add("databases: empty; expected the path of every database the config replicates");
            }
            if (!errors.isEmpty()) {
                throw new IllegalArgumentException(String.join("; ", errors));
            }
            return new SupervisorSettings(this);
        }
    }
}
