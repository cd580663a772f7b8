package dev.litestreamagent.replica;

import dev.litestreamagent.verify.ReplicaWatch;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A file replica's directories' modification times: an upload creates (then renames) a file in one of
 * them, Litestream 0.3's {@code generations/<g>/wal/} or {@code snapshots/}, 0.5's {@code ltx/<level>/}.
 * Only directories are read, never the segment files themselves (a busy day's replica holds tens of
 * thousands), so a look costs a few stat calls. Two changes within the file system's timestamp
 * granularity can look like one; verify's restores on a slow timer cover that.
 */
public final class FileReplicaWatch implements ReplicaWatch {
    private final Path root;

    private FileReplicaWatch(Path root) {
        this.root = root;
    }

    /** A watch of the replica {@code options} describe; {@link ReplicaWatch#NONE} unless it is a file replica given by path. */
    public static ReplicaWatch of(Map<String, String> options, Map<String, String> environment) {
        try {
            if (!"file".equals(options.get("type")) || options.containsKey("url")) {
                return NONE;
            }
            String path = new ReplicaOptionValues(options, environment).require("path");
            // Litestream expands '~'; relative paths are relative to this JVM's working directory, as Litestream's.
            return path.startsWith("~") ? NONE : new FileReplicaWatch(Paths.get(path).toAbsolutePath());
        } catch (IOException e) {
            return NONE;
        }
    }

    @Override
    public Optional<String> state() {
        try {
            StringBuilder state = new StringBuilder();
            Path generations = root.resolve("generations");
            stamp(generations, state);
            for (Path generation : subdirectories(generations)) {
                stamp(generation, state);
                stamp(generation.resolve("wal"), state);
                stamp(generation.resolve("snapshots"), state);
            }
            Path ltx = root.resolve("ltx");
            stamp(ltx, state);
            for (Path level : subdirectories(ltx)) {
                stamp(level, state);
            }
            return Optional.of(state.toString());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Appends {@code dir}'s name and modification time, or its absence. */
    private static void stamp(Path dir, StringBuilder state) throws IOException {
        state.append(dir.getFileName()).append('@');
        try {
            state.append(Files.getLastModifiedTime(dir, LinkOption.NOFOLLOW_LINKS).to(TimeUnit.NANOSECONDS)).append(';');
        } catch (NoSuchFileException e) {
            state.append("none;");
        }
    }

    /** The generations or levels: few, unlike the segment files inside them. */
    private static List<Path> subdirectories(Path dir) throws IOException {
        List<Path> children = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, Files::isDirectory)) {
            entries.forEach(children::add);
        } catch (NoSuchFileException e) {
            return children;
        }
        children.sort(null);
        return children;
    }
}
