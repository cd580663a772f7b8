package dev.litestreamagent.dialect;

import dev.litestreamagent.supervisor.ResyncPolicy;
import dev.litestreamagent.supervisor.log.LogMarkers;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.ArrayList;
import java.util.Arrays;

/**
 * What differs between Litestream versions, in one place per version: the shape of its config
 * file, its replica types, its subcommands and their flags, the log messages the supervisor reads,
 * and the names of its release archives. Versions that read the same config, take the same flags
 * and log the same way share one dialect; a version that changes any of that is one new subclass
 * and one line in {@link #ALL}. Immutable.
 */
public abstract class Dialect {
    /** Every dialect at the first version that speaks it, oldest first. */
    private static final List<Dialect> ALL = Collections.unmodifiableList(Arrays.asList(
            new Litestream03(new LitestreamVersion(0, 3, 0)),
            new Litestream05(new LitestreamVersion(0, 5, 0))));

    private static final Set<String> CONFIG_ONLY = flags("config");

    private final LitestreamVersion version;
    private final Map<String, Set<String>> subcommands;

    /** {@code subcommands}: each subcommand with its flags that take a value (from Litestream's flag sets). */
    Dialect(LitestreamVersion version, Map<String, Set<String>> subcommands) {
        this.version = version;
        this.subcommands = subcommands;
    }

    /** The dialect of {@code version}: the newest one whose first version it has reached (older ones speak 0.3's). */
    public static Dialect of(LitestreamVersion version) {
        Dialect found = ALL.get(0);
        for (Dialect dialect : ALL) {
            if (version.isAtLeast(dialect.version)) {
                found = dialect;
            }
        }
        return found.at(version);
    }

    /** Every dialect, oldest first, each at its first version: for texts that say which versions have what. */
    public static List<Dialect> all() {
        return ALL;
    }

    /** The oldest dialect for which {@code has} holds. */
    public static Optional<Dialect> oldestWith(Predicate<Dialect> has) {
        for (Dialect dialect : ALL) {
            if (has.test(dialect)) {
                return Optional.of(dialect);
            }
        }
        return Optional.empty();
    }

    /**
     * Which Litestream versions {@code has} holds for, for a help or error text: empty when all,
     * {@code Litestream 0.5 and later}, {@code Litestream 0.3 only}.
     */
    public static String versionsWith(Predicate<Dialect> has) {
        // Loops, not streams: help lists this for every command, in a cold JVM.
        List<Dialect> with = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Dialect dialect : ALL) {
            if (has.test(dialect)) {
                with.add(dialect);
                names.add(dialect.name());
            }
        }
        if (with.size() == ALL.size()) {
            return "";
        }
        boolean fromThereOn = !with.isEmpty() && with.equals(ALL.subList(ALL.indexOf(with.get(0)), ALL.size()));
        return fromThereOn ? "Litestream " + with.get(0).name() + " and later"
                : "Litestream " + String.join(", ", names) + " only";
    }

    /** This dialect for {@code version}, one of its versions. */
    abstract Dialect at(LitestreamVersion version);

    public final LitestreamVersion version() {
        return version;
    }

    /** {@code 0.3}, {@code 0.5}: the first minor version that speaks it. */
    public abstract String name();

    /** Whether {@code other} speaks the same dialect (another version of it, perhaps). */
    public final boolean sameAs(Dialect other) {
        return name().equals(other.name());
    }

    // The config file.

    /** Whether the top-level {@code mcp-addr} setting exists. */
    public final boolean hasMcpServer() {
        return globalOptions().contains("mcp-addr");
    }

    /**
     * The top-level keys of this version's config file that the agent writes ({@code addr}, {@code snapshot},
     * ...): a setting whose key a version lacks is an error naming the versions that have it.
     */
    public abstract Set<String> globalOptions();

    /** The values of {@code logging.level}. */
    public abstract List<String> loggingLevels();

    /** The replica types, as the {@code type} option spells them. */
    public final List<String> replicaTypes() {
        return replicaOptionTable().types();
    }

    /** The options a replica of {@code type} reads in this version ({@code type} itself included); empty for an unknown type. */
    public final Set<String> replicaOptions(String type) {
        return replicaOptionTable().options(type);
    }

    abstract ReplicaOptionTable replicaOptionTable();

    /** What to do instead of a per-replica {@code option} an older version read and this one ignores; empty otherwise. */
    public abstract Optional<String> replacedReplicaOption(String option);

    /** Whether a database may have several replicas (else exactly one). */
    public abstract boolean severalReplicas();

    /** Whether a {@code dbs} entry may name a directory of databases instead of one file (in some release of it). */
    public final boolean directoryReplication() {
        return directoryOptionSince("dir").isPresent();
    }

    /**
     * The first release that reads {@code option} ({@code dir}, {@code pattern}, {@code recursive}, {@code watch})
     * of a directory entry; empty when this dialect has no directory replication.
     */
    public abstract Optional<LitestreamVersion> directoryOptionSince(String option);

    /**
     * Puts the replicas of a database into its {@code dbs} entry, under the key this version reads; more
     * than one only when {@link #severalReplicas()}.
     */
    public abstract void putReplicas(Map<String, Object> database, List<Map<String, Object>> replicas);

    // The command line.

    /**
     * The subcommand to run for the agent's {@code command} of the same name: itself, another
     * (a deprecated alias's successor), or empty when this version has none.
     */
    public Optional<String> subcommand(String command) {
        return subcommands.containsKey(command) ? Optional.of(command) : Optional.empty();
    }

    /** The flags of {@code subcommand} that take a value, without the dash; every other flag is a boolean. */
    public final Set<String> valueFlags(String subcommand) {
        return subcommands.getOrDefault(subcommand, CONFIG_ONLY);
    }

    // The log and the supervisor.

    /** The messages of uploads and start-up the supervisor follows. */
    public abstract LogMarkers logMarkers();

    /** The resync policy that holds with this version: {@code configured}, or off where the log cannot drive it. */
    public abstract ResyncPolicy resyncPolicy(ResyncPolicy configured);

    /** Whether {@link #logMarkers()} recognise this version's finished uploads, so each database's last one is known. */
    public abstract boolean logsUploads();

    // The release archives.

    /** The archive's file name on the release page, for Go's {@code os} and {@code arch} names. */
    public abstract String releaseArchive(String os, String arch);

    /** Whether that archive is a zip (else a gzipped tar). */
    public abstract boolean releaseArchiveIsZip(String os);

    /** Whether the release publishes a {@code checksums.txt} beside its archives. */
    public abstract boolean releaseHasChecksumsFile();

    static Set<String> flags(String... names) {
        return Collections.unmodifiableSet(new LinkedHashSet<>(Arrays.asList(names)));
    }

    static List<String> list(String... values) {
        return Collections.unmodifiableList(Arrays.asList(values));
    }

    @Override
    public String toString() {
        return "Litestream " + name() + " dialect (" + version + ")";
    }
}
