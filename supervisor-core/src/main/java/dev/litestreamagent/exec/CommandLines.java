package dev.litestreamagent.exec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/** Reads a process's exact argument list from /proc, to tell our own orphan from a process that reused its pid. */
public final class CommandLines {
    private CommandLines() {
    }

    /** The arguments of {@code pid}, or empty when it does not exist or /proc cannot tell (not Linux). */
    public static Optional<List<String>> of(long pid) {
        Path cmdline = Paths.get("/proc", Long.toString(pid), "cmdline");
        try {
            byte[] bytes = Files.readAllBytes(cmdline);
            if (bytes.length == 0) {
                return Optional.empty(); // a zombie or kernel thread
            }
            String text = new String(bytes, StandardCharsets.UTF_8);
            if (text.endsWith("\0")) {
                text = text.substring(0, text.length() - 1);
            }
            return Optional.of(Collections.unmodifiableList(Arrays.asList(text.split("\0", -1))));
        } catch (IOException e) { // gone, or no /proc
            return Optional.empty();
        }
    }
}
