package dev.litestreamagent.testing;

import java.util.List;
import java.util.stream.Collectors;

/** Finds processes by an argument of their command line (a config path, for example). */
public final class Processes {
    private Processes() {
    }

    /** Live processes one of whose arguments equals {@code argument}. */
    public static List<ProcessHandle> withArgument(String argument) {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().arguments().map(args -> List.of(args).contains(argument)).orElse(false))
                .collect(Collectors.toList());
    }
}
