package dev.litestreamagent.cli.command;

import dev.litestreamagent.agent.attach.Attacher;
import java.util.List;

/** {@code attach PID [CONFIG.properties] [key=value ...]}: the agent into a running JVM. */
final class AttachCommand implements Command {
    private final Tools tools;

    AttachCommand(Tools tools) {
        this.tools = tools;
    }

    @Override
    public int run(List<String> args) {
        // The configuration is the target JVM's to load, not ours.
        return Attacher.run(args.toArray(new String[0]), tools.out(), tools.err());
    }
}
