package dev.litestreamagent.replica;

import dev.litestreamagent.config.DatabaseConfig;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers "is there a replica to restore?" without a Litestream process where the answer is cheap
 * and certain: a file replica's directories, one S3 listing. {@link Answer#EMPTY} is given only when
 * nothing at all is stored where Litestream 0.3 ({@code generations/}) or 0.5 ({@code ltx/}) keeps a
 * replica; any other replica type, any error and any doubt is {@link Answer#ASK_LITESTREAM}, so a
 * replica that exists is never taken for none.
 */
public final class ReplicaProbe {
    private static final Logger LOG = LoggerFactory.getLogger(ReplicaProbe.class);

    /** What the look found. */
    public enum Answer {
        /** Nothing was ever replicated there: the database starts empty, no restore needed. */
        EMPTY,
        /** Something is stored there, or the look could not tell: Litestream's own restore decides. */
        ASK_LITESTREAM
    }

    private final Map<String, String> environment;

    /** @param environment the variables Litestream will run with ({@code $VAR} values, AWS credentials) */
    public ReplicaProbe(Map<String, String> environment) {
        this.environment = environment;
    }

    /**
     * Looks at each of {@code db}'s replicas, spending at most {@code timeout} on the network for each:
     * {@link Answer#EMPTY} only when every one of them is empty (one replica that holds the database is enough
     * to restore it).
     */
    public Answer probe(DatabaseConfig db, Duration timeout) {
        for (Map<String, String> replica : db.replicas().values()) {
            if (!isEmpty(db, replica, timeout)) {
                return Answer.ASK_LITESTREAM;
            }
        }
        return Answer.EMPTY;
    }

    private boolean isEmpty(DatabaseConfig db, Map<String, String> replica, Duration timeout) {
        ReplicaOptionValues options = new ReplicaOptionValues(replica, environment);
        String type = replica.getOrDefault("type", "");
        try {
            if (replica.containsKey("url")) {
                throw new IOException("the replica is given as a url");
            }
            switch (type) {
                case "file":
                    return FileReplicaLook.isEmpty(options);
                case "s3":
                    return S3ReplicaLook.from(options, environment).isEmpty(timeout);
                default:
                    throw new IOException("only file and s3 replicas are looked at directly");
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("Replica of '{}' ({}): {}; Litestream's restore decides", db.alias(), type, e.getMessage());
            return false;
        }
    }
}
