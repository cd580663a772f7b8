package dev.litestreamagent.supervisor;

import dev.litestreamagent.supervisor.lock.DatabaseLock;
import dev.litestreamagent.supervisor.lock.StateDirectory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The one-replicator-per-database locks, for code that runs Litestream outside a {@link Supervisor} (the CLI). */
public final class ReplicatorLocks {
    private ReplicatorLocks() {
    }

    /** A claim on every database, held until closed. */
    public interface Claim extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Claims every database or none.
     *
     * @throws ReplicatorAlreadyRunningException naming the database and the holder
     */
    public static Claim claim(List<Path> databases, String holder) throws ReplicatorAlreadyRunningException, IOException {
        ReplicatorGuard guard = new ReplicatorGuard(databases);
        guard.lock(holder);
        return guard::release;
    }

    /**
     * Who replicates {@code database} now, if anyone. Creates and writes nothing and follows no link,
     * so it is safe on another user's database (e.g. run as root).
     */
    public static Optional<String> holder(Path database) throws IOException {
        StateDirectory state = StateDirectory.of(database);
        return DatabaseLock.isHeld(state) ? Optional.of(DatabaseLock.holder(state)) : Optional.empty();
    }
}
