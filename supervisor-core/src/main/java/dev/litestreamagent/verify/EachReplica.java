package dev.litestreamagent.verify;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Verifies a database on each of its replicas in turn ({@code restore -replica NAME}): without a name Litestream
 * restores from whichever replica holds the newest backup, and a replica left behind would go unnoticed. One
 * after the other, because each verification writes its own row into the live database.
 */
public final class EachReplica {
    /** A {@link Verifier} that restores from the named replica ({@code ""}: the database's one replica). */
    public interface Verifiers {
        Verifier on(String replica);
    }

    private EachReplica() {
    }

    /** The replicas to restore from, given the database's replica names: each of several, or {@code ""} for its one. */
    public static List<String> of(List<String> replicaNames) {
        return replicaNames.size() > 1 ? replicaNames : Collections.singletonList("");
    }

    /** One result per replica in {@code replicas}, in order; a named replica's result carries its name. */
    public static List<VerifyResult> verify(List<String> replicas, Verifiers verifiers, String alias, Path database,
            BooleanSupplier replicating) throws InterruptedException {
        List<VerifyResult> results = new ArrayList<>();
        for (String name : replicas) {
            VerifyResult result = verifiers.on(name).verify(alias, database, replicating);
            results.add(name.isEmpty() ? result : result.forReplica(name));
        }
        return results;
    }
}
