package dev.litestreamagent.verify;

import dev.litestreamagent.json.JsonText;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The outcome of verifying one database: when it started, the outcome, how long it took and why;
 * for people (text) and monitoring (one JSON object).
 */
public final class VerifyResult {
    /** What the proof found. */
    public enum Outcome {
        IN_SYNC("in_sync", "in sync"), OUT_OF_SYNC("out_of_sync", "out of sync"), FAILED("failed", "failed"),
        /** A scheduled round that could not run its proof (the reason says why); never the CLI's. */
        SKIPPED("skipped", "skipped");

        private final String json;
        private final String text;

        Outcome(String json, String text) {
            this.json = json;
            this.text = text;
        }

        /** The outcome's name in JSON and metric labels. */
        public String label() {
            return json;
        }
    }

    /** Worst first: what a database with several replicas reports when they disagree. */
    private static final List<Outcome> SEVERITY = Arrays.asList(Outcome.FAILED, Outcome.OUT_OF_SYNC, Outcome.SKIPPED,
            Outcome.IN_SYNC);

    private final String database;
    private final Path path;
    private final Instant time;
    private final Outcome outcome;
    private final String reason;
    private final Duration duration;
    private final String replica;

    public VerifyResult(String database, Path path, Instant time, Outcome outcome, String reason, Duration duration) {
        this(database, path, time, outcome, reason, duration, null);
    }

    private VerifyResult(String database, Path path, Instant time, Outcome outcome, String reason, Duration duration,
            String replica) {
        this.replica = replica;
        this.database = database;
        this.path = path;
        this.time = time;
        this.outcome = outcome;
        this.reason = reason;
        this.duration = duration;
    }

    /** The alias. */
    public String database() {
        return database;
    }

    public Path path() {
        return path;
    }

    /** When the verification started. */
    public Instant time() {
        return time;
    }

    public Outcome outcome() {
        return outcome;
    }

    public String reason() {
        return reason;
    }

    public Duration duration() {
        return duration;
    }

    /** The replica restored from, when the database has several and one was chosen; empty otherwise. */
    public Optional<String> replica() {
        return Optional.ofNullable(replica);
    }

    VerifyResult withReason(String newReason) {
        return new VerifyResult(database, path, time, outcome, newReason, duration, replica);
    }

    /** This result, as that of the database's replica {@code name}. */
    public VerifyResult forReplica(String name) {
        return new VerifyResult(database, path, time, outcome, reason, duration, name);
    }

    /**
     * A database's verdict from its result on each replica (a single result as it is): the worst outcome
     * (failed, out of sync, skipped, in sync), starting when the first began and lasting as long as all
     * together, its reason naming each replica that was not in sync.
     */
    public static VerifyResult overall(List<VerifyResult> replicas) {
        VerifyResult first = replicas.get(0);
        if (replicas.size() == 1) {
            return first;
        }
        Outcome worst = Outcome.IN_SYNC;
        Duration total = Duration.ZERO;
        List<String> names = new ArrayList<>();
        List<String> outcomes = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        for (VerifyResult result : replicas) {
            worst = SEVERITY.indexOf(result.outcome) < SEVERITY.indexOf(worst) ? result.outcome : worst;
            total = total.plus(result.duration);
            String name = result.replica().orElse("(unnamed)");
            names.add(name);
            outcomes.add("replica " + name + " " + result.outcome.text);
            if (result.outcome != Outcome.IN_SYNC) {
                reasons.add(name + ": " + result.reason);
            }
        }
        // Every replica's name and outcome first: readers such as status cut long reasons short.
        String reason = worst == Outcome.IN_SYNC
                ? "every replica in sync (" + String.join(", ", names) + "): " + first.reason
                : String.join(", ", outcomes) + "; " + String.join("; ", reasons);
        return new VerifyResult(first.database, first.path, first.time, worst, reason, total);
    }

    public String toText() {
        return database + (replica == null ? "" : ", replica " + replica) + ": " + outcome.text + " after " + formatSeconds() + " s: " + reason + " (" + path + ")";
    }

    public String toJson() {
        return "{\"database\":" + JsonText.quote(database)
                + (replica == null ? "" : ",\"replica\":" + JsonText.quote(replica)) + ",\"path\":" + JsonText.quote(path.toString())
                + ",\"status\":" + JsonText.quote(outcome.json) + ",\"reason\":" + JsonText.quote(reason) + ",\"seconds\":" + formatSeconds() + "}";
    }

    private String formatSeconds() {
        return String.format(Locale.ROOT, "%.2f", duration.toNanos() / 1e9);
    }
}
