package dev.litestreamagent.examples.shutdownwriter;

/** The command line, checked: each bad argument is named with what was expected. */
final class Options {
    private String url = "jdbc:sqlite:data/events.db";
    private int writers = 2;
    private double rate = 50;
    private long rows;
    private int hookRows = 5;
    private long hookMillis = 300;
    private boolean hangHook;
    private int daemonWriters;
    private String exitWhen;

    private Options() {
    }

    static Options parse(String[] args) {
        Options o = new Options();
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if ("--hang-hook".equals(name)) {
                o.hangHook = true;
                continue;
            }
            if (i + 1 == args.length) {
                throw new IllegalArgumentException(name + " needs a value; expected --url URL, --writers N, --rate N,"
                        + " --rows N, --hook-rows N, --hook-ms MS, --daemon-writers N, --exit-when FILE or --hang-hook");
            }
            String value = args[++i];
            switch (name) {
                case "--url":
                    o.url = value;
                    break;
                case "--writers":
                    o.writers = (int) number(name, value, 0);
                    break;
                case "--rate":
                    o.rate = number(name, value, 1);
                    break;
                case "--rows":
                    o.rows = (long) number(name, value, 0);
                    break;
                case "--hook-rows":
                    o.hookRows = (int) number(name, value, 0);
                    break;
                case "--hook-ms":
                    o.hookMillis = (long) number(name, value, 0);
                    break;
                case "--daemon-writers":
                    o.daemonWriters = (int) number(name, value, 0);
                    break;
                case "--exit-when":
                    o.exitWhen = value;
                    break;
                default:
                    throw new IllegalArgumentException("unknown argument " + name + "; expected --url URL, --writers N,"
                            + " --rate N, --rows N, --hook-rows N, --hook-ms MS, --daemon-writers N, --exit-when FILE or --hang-hook");
            }
        }
        return o;
    }

    private static double number(String name, String value, double min) {
        try {
            double n = Double.parseDouble(value);
            if (n >= min) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(name + " " + value + ": expected a number of at least " + (long) min);
    }

    String url() {
        return url;
    }

    int writers() {
        return writers;
    }

    /** Rows a second, per writer. */
    double rate() {
        return rate;
    }

    /** Rows per writer before it stops by itself; 0: until the JVM stops. */
    long rows() {
        return rows;
    }

    int hookRows() {
        return hookRows;
    }

    long hookMillis() {
        return hookMillis;
    }

    boolean hangHook() {
        return hangHook;
    }

    /** Daemon threads committing as fast as they can, which no hook stops. */
    int daemonWriters() {
        return daemonWriters;
    }

    /** A file whose appearance makes the application call {@code System.exit(0)}; null: none. */
    String exitWhen() {
        return exitWhen;
    }
}
