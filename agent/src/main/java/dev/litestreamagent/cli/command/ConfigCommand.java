package dev.litestreamagent.cli.command;

import dev.litestreamagent.settings.Keys;
import java.util.List;

/**
 * {@code config}: the YAML handed to Litestream, secrets as {@code $VAR} references. Needs no binary:
 * without one, the YAML is rendered for the configured or default version, and stderr says so.
 */
final class ConfigCommand implements Command {
    private final Tools tools;

    ConfigCommand(Tools tools) {
        this.tools = tools;
    }

    @Override
    public int run(List<String> args) {
        CliContext context = tools.loader().load();
        if (!args.isEmpty()) {
            throw new UsageException("config: takes no arguments; seen \"" + String.join(" ", args) + "\"");
        }
        if (context.nothingConfigured()) {
            throw new IllegalArgumentException("config: " + context.noDatabaseReason());
        }
        if (context.binaryProblem().isPresent()) {
            tools.err().println("litestream-agent: config: rendered for Litestream " + context.version() + " ("
                    + Keys.VERSION.name() + " or its default), as no binary was found to ask: "
                    + context.binaryProblem().get());
        }
        tools.out().print(context.renderedYaml());
        tools.out().flush();
        return OK;
    }
}
