package dev.litestreamagent.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Every problem found in a configuration, reported together; the message lists them one per line. */
public final class ConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient List<ConfigProblem> problems;
    private final boolean required;

    public ConfigException(List<ConfigProblem> problems) {
        this(problems, false);
    }

    /** {@code required}: litestream.required=true could be read despite the problems. */
    public ConfigException(List<ConfigProblem> problems, boolean required) {
        super(message(problems));
        this.required = required;
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a ConfigException needs at least one problem");
        }
        this.problems = Collections.unmodifiableList(new ArrayList<>(problems));
    }

    /** Whether litestream.required=true was set: the agent then stops the JVM rather than run unprotected. */
    public boolean required() {
        return required;
    }

    public List<ConfigProblem> problems() {
        return problems;
    }

    private static String message(List<ConfigProblem> problems) {
        StringBuilder sb = new StringBuilder("invalid litestream-agent configuration (")
                .append(problems.size()).append(problems.size() == 1 ? " problem):" : " problems):");
        for (ConfigProblem p : problems) {
            sb.append('\n').append(p);
        }
        return sb.toString();
    }
}
