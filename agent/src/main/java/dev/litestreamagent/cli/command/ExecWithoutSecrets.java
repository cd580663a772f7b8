package dev.litestreamagent.cli.command;

import dev.litestreamagent.config.RenderedConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code replicate -exec CMD}: Litestream starts CMD (the application) with its own environment, which
 * holds the replica credentials only Litestream needs. CMD is prefixed with {@code env -u NAME...} so
 * that it starts without them; Litestream splits the command into words itself, and variable names
 * need no quoting.
 */
final class ExecWithoutSecrets {
    private ExecWithoutSecrets() {
    }

    /** {@code args} with the command of each {@code -exec} form ({@code -exec CMD}, {@code --exec=CMD}) prefixed. */
    static List<String> apply(List<String> args, Set<String> childVariables) {
        Set<String> secrets = new TreeSet<>();
        for (String name : childVariables) {
            if (RenderedConfig.isSecretVariable(name)) {
                secrets.add(name);
            }
        }
        if (secrets.isEmpty()) {
            return args;
        }
        StringBuilder unset = new StringBuilder("env");
        for (String name : secrets) {
            unset.append(" -u ").append(name);
        }
        unset.append(' ');
        List<String> out = new ArrayList<>(args);
        for (int i = 0; i < out.size(); i++) {
            String arg = out.get(i);
            String flag = arg.startsWith("--") ? arg.substring(1) : arg;
            if (flag.equals("-exec") && i + 1 < out.size()) {
                out.set(i + 1, unset + out.get(i + 1));
                i++;
            } else if (flag.startsWith("-exec=")) {
                out.set(i, arg.substring(0, arg.indexOf('=') + 1) + unset + flag.substring(6));
            }
        }
        return out;
    }
}
