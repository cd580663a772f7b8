package dev.litestreamagent.supervisor;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;

/**
 * What each launch of Litestream replicates. Its owner may hold databases back and add them
 * later (the agent gives Litestream a database only once the application created its schema);
 * the supervisor then restarts Litestream gracefully to add them, also at the last moment before
 * its final stop, so a database that became ready is never left without a sync.
 */
public interface LaunchPlan {
    /** Writes the config for the next launch; the databases it lists, empty when there is nothing to launch yet. */
    List<Path> prepare() throws IOException;

    /**
     * Whether a database became ready since the last {@link #prepare()}: Litestream must be restarted to add it.
     *
     * @param finalStop the JVM exits: whatever holds data now must be in the last launch
     */
    boolean changed(boolean finalStop);

    /** Every database from the start, the config file as given. */
    static LaunchPlan fixed(List<Path> databases) {
        List<Path> all = Collections.unmodifiableList(databases);
        return new LaunchPlan() {
            @Override
            public List<Path> prepare() {
                return all;
            }

            @Override
            public boolean changed(boolean finalStop) {
                return false;
            }
        };
    }
}
