package dev.litestreamagent.supervisor;

import java.nio.file.Path;

/** Another supervisor (another JVM or a CLI {@code replicate}) already replicates one of the databases. */
public final class ReplicatorAlreadyRunningException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient Path database;
    private final String holder;

    public ReplicatorAlreadyRunningException(Path database, Path lockFile, String holder) {
        super("Database " + database + " is already being replicated by " + holder + " (it holds the lock "
                + lockFile + "). Two replicators on one database silently corrupt its replica, so this one "
                + "will not start. Stop the other process first, or remove this database from one of the two "
                + "configurations.");
        this.database = database;
        this.holder = holder;
    }

    public Path database() {
        return database;
    }

    /** Who holds the lock, as recorded in the lock file ("process 1234"), or "an unknown process". */
    public String holder() {
        return holder;
    }
}
