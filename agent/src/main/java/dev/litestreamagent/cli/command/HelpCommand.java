package dev.litestreamagent.cli.command;

import java.util.List;
import java.util.Optional;

/**
 * {@code help [COMMAND | keys]} (also no command, {@code -h}, {@code --help}): works with a broken
 * configuration too; {@code help keys} lists the configuration keys, which the jar carries no other page of.
 */
public final class HelpCommand implements Command {
    private final Tools tools;

    public HelpCommand(Tools tools) {
        this.tools = tools;
    }

    @Override
    public int run(List<String> topic) {
        Optional<CommandSpec> spec = Optional.empty();
        if (topic.equals(List.of(Help.KEYS))) {
            tools.out().print(Help.keys());
            tools.out().flush();
            return OK;
        }
        if (!topic.isEmpty()) {
            if (topic.size() > 1) {
                throw new UsageException("help: expected at most one command name; seen \"" + String.join(" ", topic) + "\"");
            }
            spec = Optional.of(CommandSpec.named(topic.get(0), "help: "));
        }
        CliContext context = null;
        String problem = null;
        try {
            context = tools.loader().load();
        } catch (IllegalArgumentException e) {
            problem = e.getMessage();
        }
        tools.out().print(spec.isPresent() ? Help.command(spec.get(), context, problem) : Help.overview(context, problem));
        tools.out().flush();
        return OK;
    }
}
