package dev.litestreamagent.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/configuration.md and the key registry describe the same keys, variables and defaults. */
class ConfigurationDocTest {
    private static final Path DOC = Paths.get("..", "docs", "configuration.md");
    private static final Pattern BACKTICKED = Pattern.compile("`([^`]*)`");
    private static final Pattern KEY = Pattern.compile("litestream\\.[A-Za-z0-9.<>*_-]*[A-Za-z0-9>*]");
    private static final String ALIAS = "<alias>";

    /** The documented key of every row of the Keys table, to its cells. */
    private static Map<String, String[]> tableRows() throws IOException {
        Map<String, String[]> rows = new TreeMap<>();
        boolean inTable = false;
        for (String line : Files.readAllLines(DOC, StandardCharsets.UTF_8)) {
            if (line.startsWith("## ")) {
                inTable = line.equals("## Keys");
            } else if (inTable && line.startsWith("| `litestream.")) {
                String[] cells = line.substring(1).split(" \\| ");
                String first = null;
                for (String name : backticked(cells[0])) {
                    // "`litestream.dbs.<alias>.monitor-interval`, `.checkpoint-interval`": a sibling of the first
                    String full = name.startsWith(".") ? first.substring(0, first.lastIndexOf('.')) + name : name;
                    first = first == null ? full : first;
                    rows.put(full, cells);
                }
            }
        }
        return rows;
    }

    private static List<String> backticked(String text) {
        List<String> names = new ArrayList<>();
        Matcher m = BACKTICKED.matcher(text);
        while (m.find()) {
            names.add(m.group(1).trim());
        }
        return names;
    }

    /** Every name the registry gives a user, as the table writes it. */
    private static Set<String> registryNames() {
        Set<String> names = new TreeSet<>();
        for (Key<?> key : Keys.topLevel()) {
            names.add(key.name());
        }
        for (Key<?> key : Keys.database()) {
            names.add(key.nameFor(ALIAS));
        }
        names.add(Keys.DEFAULT_REPLICA + "<option>");
        names.add(Keys.DBS + ALIAS + "." + Keys.REPLICA + "<option>");
        names.add(Keys.DBS + ALIAS + "." + Keys.REPLICAS + "<name>.<option>");
        return names;
    }

    @Test
    void theKeysTableListsExactlyTheRegistrysKeys() throws IOException {
        Set<String> documented = tableRows().keySet();
        Set<String> undocumented = new TreeSet<>(registryNames());
        undocumented.removeAll(documented);
        Set<String> unknown = new TreeSet<>(documented);
        unknown.removeAll(registryNames());
        assertEquals(Set.of(), undocumented, "keys missing from the table in " + DOC);
        assertEquals(Set.of(), unknown, "keys in the table in " + DOC + " that the registry does not declare");
    }

    @Test
    void theTableShowsEachKeysVariableAndDefault() throws IOException {
        Map<String, String[]> rows = tableRows();
        List<Key<?>> keys = new ArrayList<>(Keys.topLevel());
        keys.addAll(Keys.database());
        for (Key<?> key : keys) {
            String name = key.scope() == Key.Scope.TOP_LEVEL ? key.name() : key.nameFor(ALIAS);
            String[] cells = rows.get(name);
            List<String> variables = backticked(cells[2]);
            if (!variables.get(0).startsWith("…")) {
                assertEquals(key.envName(), variables.get(0), name);
            }
            if (key.defaultValue() != null) {
                assertDefault(key, backticked(cells[1]), name);
            }
        }
    }

    private static <T> void assertDefault(Key<T> key, List<String> documented, String name) {
        assertEquals(1, documented.size(), name + ": the default column should show the one default, in backticks");
        assertEquals(key.defaultValue(), key.type().parse(documented.get(0)), name);
    }

    /** Keys named in the prose, too: a renamed key must not live on in an example. */
    @Test
    void everyKeyTheDocNamesIsOneTheRegistryKnows() throws IOException {
        String doc = new String(Files.readAllBytes(DOC), StandardCharsets.UTF_8);
        Set<String> unknown = new TreeSet<>();
        for (String span : backticked(doc)) {
            Matcher m = KEY.matcher(span);
            while (m.find()) {
                String name = m.group();
                boolean fileName = name.endsWith(".properties") || name.endsWith(".yml");
                boolean reserved = name.equals("litestream.*") || name.equals("litestream.test.*");
                if (!fileName && !reserved && !known(name)) {
                    unknown.add(name);
                }
            }
        }
        assertEquals(Set.of(), unknown, "names in " + DOC + " that are no key");
    }

    private static boolean known(String name) {
        for (Key<?> key : Keys.topLevel()) {
            if (key.name().equals(name)) {
                return true;
            }
        }
        if (name.startsWith(Keys.DEFAULT_REPLICA)) {
            return name.length() > Keys.DEFAULT_REPLICA.length();
        }
        if (!name.startsWith(Keys.DBS)) {
            return false;
        }
        String rest = name.substring(Keys.DBS.length());
        int dot = rest.indexOf('.');
        String setting = dot < 0 ? "" : rest.substring(dot + 1);
        if (setting.startsWith(Keys.REPLICA) || setting.equals("*")) {
            return true;
        }
        if (setting.startsWith(Keys.REPLICAS)) {
            // replicas.<name>.<option>, or replicas.* for all of them
            String named = setting.substring(Keys.REPLICAS.length());
            return named.equals("*") || named.indexOf('.') > 0;
        }
        for (Key<?> key : Keys.database()) {
            if (key.name().equals(setting)) {
                return true;
            }
        }
        return false;
    }

    @Test
    void theDocIsWhereThisTestLooks() {
        assertTrue(Files.isRegularFile(DOC), DOC.toAbsolutePath().toString());
    }
}
