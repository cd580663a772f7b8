package dev.litestreamagent.examples.flywaytenants;

import java.nio.file.Path;

/**
 * The command line: {@code --tenants=N --dir=DIR [--rows=N] [--seconds=N | --keep-running] [--interval-ms=MS]}.
 *
 * @param tenants     how many tenant databases ({@code tenant-01.db} ...) to migrate and write to
 * @param dir         the folder that holds them
 * @param rows        orders written to every tenant before the timed phase
 * @param seconds     how long to go on writing afterwards; 0 = exit, -1 = until stopped
 * @param intervalMs  pause between two rounds of writes in the timed phase
 */
record Options(int tenants, Path dir, int rows, int seconds, long intervalMs) {
    static final String USAGE = "usage: java -jar flyway-tenants.jar [--tenants=N] [--dir=DIR] [--rows=N]"
            + " [--seconds=N | --keep-running] [--interval-ms=MS]";

    boolean keepRunning() {
        return seconds < 0;
    }

    /** Parses {@code args}; a bad argument is an {@link IllegalArgumentException} naming it. */
    static Options parse(String... args) {
        int tenants = 3;
        Path dir = Path.of("data");
        int rows = 5;
        int seconds = 0;
        long intervalMs = 100;
        for (String arg : args) {
            int eq = arg.indexOf('=');
            String name = eq < 0 ? arg : arg.substring(0, eq);
            String value = eq < 0 ? null : arg.substring(eq + 1);
            switch (name) {
                case "--tenants" -> tenants = number(name, value, 1);
                case "--dir" -> dir = Path.of(required(name, value));
                case "--rows" -> rows = number(name, value, 0);
                case "--seconds" -> seconds = number(name, value, 0);
                case "--keep-running" -> seconds = -1;
                case "--interval-ms" -> intervalMs = number(name, value, 0);
                default -> throw new IllegalArgumentException("unknown argument '" + arg + "'");
            }
        }
        return new Options(tenants, dir, rows, seconds, intervalMs);
    }

    private static String required(String name, String value) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(name + ": expected " + name + "=VALUE, got no value");
        }
        return value;
    }

    private static int number(String name, String value, int min) {
        String text = required(name, value);
        try {
            int n = Integer.parseInt(text);
            if (n >= min) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(name + ": expected a whole number of at least " + min + ", got '" + text + "'");
    }
}
