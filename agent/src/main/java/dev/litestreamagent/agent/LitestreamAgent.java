package dev.litestreamagent.agent;

import dev.litestreamagent.cli.Cli;

/** The jar's entry point; as Main-Class it is the companion CLI. */
public final class LitestreamAgent {
    private LitestreamAgent() {
    }

    public static void main(String[] args) {
        Cli.main(args);
    }
}
