package dev.litestreamagent.supervisor.lock;

import dev.litestreamagent.fs.NoFollowFiles;
import dev.litestreamagent.fs.OwnedDirectory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code status.json} in a database's state directory: the running agent's health document (the
 * body of {@code /health}), rewritten when it changes and at least every {@link #HEARTBEAT}, so the
 * CLI's {@code status} can read the agent's figures with no endpoint configured.
 */
public final class StatusFile {
    /** The longest a live agent leaves the file unchanged. */
    public static final Duration HEARTBEAT = Duration.ofSeconds(10);
    /** Older than this, the writer is hung or gone: three heartbeats missed, not one late one. */
    public static final Duration STALE_AFTER = HEARTBEAT.multipliedBy(3);
    /** Far above a document for hundreds of databases; a bigger file is not ours and is not read whole. */
    private static final int MAX_BYTES = 1 << 20;

    private final StateDirectory state;

    public StatusFile(StateDirectory state) {
        this.state = state;
    }

    /**
     * Replaces the file at once (owner-only, no link followed), in a directory that must exist and be ours:
     * the supervisor created it with its lock.
     */
    public void write(String json) throws IOException {
        OwnedDirectory.verify(state.directory(), "The state directory of " + state.database());
        NoFollowFiles.replace(state.statusFile(), json.getBytes(StandardCharsets.UTF_8));
    }

    /** The document, or empty when there is none; a file too big to be ours is refused. */
    public Optional<String> read() throws IOException {
        byte[] bytes;
        try {
            bytes = NoFollowFiles.readCapped(state.statusFile(), MAX_BYTES + 1);
        } catch (NoSuchFileException none) {
            return Optional.empty();
        }
        if (bytes.length > MAX_BYTES) {
            throw new IOException(state.statusFile() + " is larger than " + MAX_BYTES + " bytes: not the agent's");
        }
        return Optional.of(new String(bytes, StandardCharsets.UTF_8));
    }
}
