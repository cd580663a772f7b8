package dev.litestreamagent.cli;

import dev.litestreamagent.config.AgentConfig;
import dev.litestreamagent.config.DatabaseConfig;
import dev.litestreamagent.dialect.LitestreamVersion;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What Litestream v0.3.13's {@code databases} prints for the agent's rendered config, without running it:
 * a {@code path} and a {@code replicas} column (each replica's name, else its type, comma-separated), laid
 * out as Go's tabwriter does with padding 2. Only for configs where Litestream cannot print anything else:
 * file and s3 replicas given by options (no url, whose parsing and host patterns decide the type and the
 * errors), and no {@code $} in the values that Litestream would expand and then check or print. Any other
 * config, or another version, runs Litestream. DatabasesListingTest compares both outputs byte for byte.
 */
final class DatabasesListing {
    private static final LitestreamVersion PROVEN = LitestreamVersion.V0_3_13;
    /** Go's tabwriter padding in Litestream's listings. */
    private static final int PADDING = 2;
    private static final List<String> CREDENTIALS = Arrays.asList("access-key-id", "secret-access-key");

    private DatabasesListing() {
    }

    /** The listing, or empty when Litestream must be run to know it. */
    static Optional<String> of(AgentConfig config, LitestreamVersion version) {
        if (!version.equals(PROVEN) || !config.directories().isEmpty()) {
            return Optional.empty();
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"path", "replicas"});
        for (DatabaseConfig db : config.databases()) {
            String path = db.path().toString();
            if (!plain(path) || !withoutVariables(db.litestreamOptions())) {
                return Optional.empty();
            }
            StringBuilder names = new StringBuilder();
            for (Map<String, String> replica : db.replicas().values()) {
                String name = name(replica);
                if (name == null) {
                    return Optional.empty();
                }
                names.append(names.length() == 0 ? "" : ",").append(name);
            }
            rows.add(new String[] {path, names.toString()});
        }
        return Optional.of(table(rows));
    }

    /** The replica's name as Litestream prints it, or null when only Litestream can tell. */
    private static String name(Map<String, String> replica) {
        String type = replica.get("type");
        if (replica.containsKey("url") || !withoutVariables(replica)) {
            return null;
        }
        boolean known = "s3".equals(type) && plain(replica.get("bucket"))
                || "file".equals(type) && plain(replica.get("path")) && !replica.get("path").contains("://")
                        && !replica.get("path").startsWith("~");
        String name = replica.getOrDefault("name", "");
        return known && (name.isEmpty() || plain(name)) ? (name.isEmpty() ? type : name) : null;
    }

    /** The credentials aside (S3 client fields, read only when it connects), no value Litestream would expand. */
    private static boolean withoutVariables(Map<String, String> options) {
        for (Map.Entry<String, String> option : options.entrySet()) {
            if (!CREDENTIALS.contains(option.getKey()) && option.getValue().indexOf('$') >= 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Printable ASCII without {@code $}: one character is one column for the tabwriter, none is a cell or line
     * break to it, and Litestream expands nothing in it.
     */
    private static boolean plain(String value) {
        if (value == null || value.isEmpty()) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7e || c == '$') {
                return false;
            }
        }
        return true;
    }

    /** The first column padded to its widest cell plus {@link #PADDING}; the last cell as it is. */
    private static String table(List<String[]> rows) {
        int width = 0;
        for (String[] row : rows) {
            width = Math.max(width, row[0].length());
        }
        StringBuilder out = new StringBuilder();
        for (String[] row : rows) {
            out.append(row[0]);
            for (int i = row[0].length(); i < width + PADDING; i++) {
                out.append(' ');
            }
            out.append(row[1]).append('\n');
        }
        return out.toString();
    }
}
