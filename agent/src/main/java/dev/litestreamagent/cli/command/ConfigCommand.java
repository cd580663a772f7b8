package dev.litestreamagent.cli.command;

import java.util.List;

/** {@code config}: the YAML handed to Litestream, secrets as {@code $VAR} references. */
final class ConfigCommand implements Command {
    private final Tools tools;

    ConfigCommand(Tools tools) {
        this.tools = tools;
    }

    @Override
    public int run(List<String> args) {
        CliContext context = tools.context(CommandSpec.CONFIG);
        if (!args.isEmpty()) {
            throw new UsageException("config: takes no arguments; seen \"" + String.join(" ", args) + "\"");
        }
        tools.out().print(context.renderedYaml());
        tools.out().flush();
        return OK;
    }
}
