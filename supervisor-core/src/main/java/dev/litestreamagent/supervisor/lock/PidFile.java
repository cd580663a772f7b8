package dev.litestreamagent.supervisor.lock;

import dev.litestreamagent.fs.NoFollowFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The running Litestream's pid and its exact command line, so that a later run can find an
 * orphan and prove (against /proc) that the pid was not reused by another program.
 * Format: the pid on the first line, then one argument a line.
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
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(temp); // left by a crash; a link is removed, never followed
        NoFollowFiles.writeNew(temp, (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The recorded process, or empty when there is no (readable, sensibly small) pid file. */
    public Optional<Recorded> read() {
        try {
            byte[] bytes = NoFollowFiles.readCapped(file, MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                return Optional.empty(); // not written by us
            }
            List<String> lines = Arrays.asList(new String(bytes, StandardCharsets.UTF_8).split("\n"));
            if (lines.size() < 2) {
                return Optional.empty();
            }
            long pid = Long.parseLong(lines.get(0).trim());
            return Optional.of(new Recorded(pid, lines.subList(1, lines.size())));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    public void delete() throws IOException {
        Files.deleteIfExists(file);
    }

    /** A pid and the command it was started with. */
    public static final class Recorded {
        private final long pid;
        private final List<String> command;

        Recorded(long pid, List<String> command) {
            this.pid = pid;
            this.command = Collections.unmodifiableList(new ArrayList<>(command));
        }

        public long pid() {
            return pid;
        }

        public List<String> command() {
            return command;
        }

        @Override
        public String toString() {
            return "pid " + pid + " " + Arrays.toString(command.toArray());
        }
    }
}
