package dev.litestreamagent.exec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * util-linux's (or BusyBox's) {@code setsid}, found at the first launch that asks for a new
 * session. Only the standard locations are tried, never PATH: the child it starts carries secrets
 * in its environment.
 */
final class Setsid {
    private static final Logger LOG = LoggerFactory.getLogger(Setsid.class);
    private static final List<Path> LOCATIONS = Arrays.asList(Paths.get("/usr/bin/setsid"), Paths.get("/bin/setsid"));

    private Setsid() {
    }

    static Optional<Path> installed() {
        return Lookup.RESULT;
    }

    /** Looked up once per JVM, lazily, so that a JVM that never asks for a session looks nothing up and says nothing. */
    private static final class Lookup {
        static final Optional<Path> RESULT = find();

        private static Optional<Path> find() {
            for (Path location : LOCATIONS) {
                if (Files.isExecutable(location)) {
                    return Optional.of(location);
                }
            }
            // A warning, once: the child then shares this JVM's process group, and a Ctrl-C or a
            // signal to the whole group can stop it before the JVM's last writes are synced.
            LOG.warn("setsid (util-linux) not found at {}: child processes run in this JVM's process group and a"
                    + " signal sent to the group or the terminal (Ctrl-C) reaches them too", LOCATIONS);
            return Optional.empty();
        }
    }
}
