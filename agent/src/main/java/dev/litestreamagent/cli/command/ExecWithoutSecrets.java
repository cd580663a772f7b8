package dev.litestreamagent.cli.command;

import dev.litestreamagent.config.RenderedConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code replicate -exec CMD}: Litestream starts CMD (the application) with its own environment, which
 * holds the replica credentials only Litestream needs. CMD is prefixed with {@code env -u NAME...} so
 * that it starts without them, as {@code litestream.exec}'s command is.
 */
final class ExecWithoutSecrets {
    private ExecWithoutSecrets() {
    }

    /** {@code args} with the command of each {@code -exec} form ({@code -exec CMD}, {@code --exec=CMD}) prefixed. */
    static List<String> apply(List<String> args, Set<String> childVariables) {
        List<String> out = new ArrayList<>(args);
        for (int i = 0; i < out.size(); i++) {
            String arg = out.get(i);
            String flag = arg.startsWith("--") ? arg.substring(1) : arg;
            if (flag.equals("-exec") && i + 1 < out.size()) {
                out.set(i + 1, RenderedConfig.withoutSecrets(out.get(i + 1), childVariables));
                i++;
            } else if (flag.startsWith("-exec=")) {
                out.set(i, arg.substring(0, arg.indexOf('=') + 1)
                        + RenderedConfig.withoutSecrets(flag.substring(6), childVariables));
            }
        }
        return out;
    }
}
