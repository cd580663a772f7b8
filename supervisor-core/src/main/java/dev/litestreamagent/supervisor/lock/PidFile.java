package dev.litestreamagent.supervisor.lock;

import dev.litestreamagent.fs.NoFollowFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * The running Litestream's pid, so that a later run can find an orphan; its command line follows
 * for people reading the file. Only a hint: the orphan killer proves from the live process that
 * the pid is our Litestream ({@code OurReplicator}). Format: the pid on the first line, then one
 * argument a line.
 */
public final class PidFile {
    /** Far above a real command line (a few paths); a bigger file is not ours and is not read whole. */
    private static final int MAX_BYTES = 64 * 1024;

    private final Path file;

    public PidFile(Path file) {
        this.file = file;
    }

    public void write(long pid, List<String> command) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add(Long.toString(pid));
        lines.addAll(command);
        NoFollowFiles.replace(file, (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** The recorded pid, or empty when there is no (readable, sensibly small, well-formed) pid file. */
    public OptionalLong read() {
        try {
            byte[] bytes = NoFollowFiles.readCapped(file, MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                return OptionalLong.empty(); // not written by us
            }
            String text = new String(bytes, StandardCharsets.UTF_8);
            int firstLineEnd = text.indexOf('\n');
            return firstLineEnd < 0 ? OptionalLong.empty()
                    : OptionalLong.of(Long.parseLong(text.substring(0, firstLineEnd).trim()));
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    public void delete() throws IOException {
        Files.deleteIfExists(file);
    }
}
