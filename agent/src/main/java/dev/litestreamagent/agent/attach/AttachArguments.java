package dev.litestreamagent.agent.attach;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Properties;

/** {@code <pid> [config.properties ...] [key=value ...]}: the target and the configuration to hand it. */
final class AttachArguments {
    static final String USAGE = "usage: attach <pid> [config.properties] [litestream.key=value ...]";

    private final long pid;
    private final Properties config;

    private AttachArguments(long pid, Properties config) {
        this.pid = pid;
        this.config = config;
    }

    /**
     * Parses the arguments; properties files are read in order, then {@code key=value} pairs
     * override them. Throws {@link IllegalArgumentException} naming the bad argument.
     */
    static AttachArguments parse(String[] args) throws IOException {
        if (args.length == 0) {
            throw new IllegalArgumentException("the pid of the JVM to attach to is missing");
        }
        if (!args[0].matches("[0-9]{1,18}")) {
            throw new IllegalArgumentException("pid: expected the numeric process id of a running JVM, got '" + args[0] + "'");
        }
        Properties config = new Properties();
        Properties pairs = new Properties();
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            Path file = Paths.get(arg);
            if (Files.isRegularFile(file)) {
                try (InputStream in = Files.newInputStream(file)) {
                    config.load(in);
                }
            } else if (arg.indexOf('=') > 0) {
                pairs.setProperty(arg.substring(0, arg.indexOf('=')).trim(), arg.substring(arg.indexOf('=') + 1).trim());
            } else {
                throw new IllegalArgumentException("'" + arg + "': expected a properties file (none exists at "
                        + file.toAbsolutePath() + ") or key=value");
            }
        }
        config.putAll(pairs);
        return new AttachArguments(Long.parseLong(args[0]), config);
    }

    long pid() {
        return pid;
    }

    /** A copy: the caller may not change what was parsed. */
    Properties config() {
        Properties copy = new Properties();
        copy.putAll(config);
        return copy;
    }
}
