package dev.litestreamagent.agent.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reading of the Prometheus text format 0.0.4 for the agent's own lines, where promtool is absent:
 * HELP then TYPE before a family's samples, each family once, names and labels well formed, numeric values.
 */
public final class PrometheusFormat {
    private static final Pattern META = Pattern.compile("# (HELP|TYPE) ([a-zA-Z_:][a-zA-Z0-9_:]*) (.+)");
    private static final Pattern SAMPLE = Pattern.compile(
            "([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\\\n]|\\\\[\\\\\"n])*\""
                    + "(?:,[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\\\n]|\\\\[\\\\\"n])*\")*\\})? (-?[0-9.eE+-]+|NaN|[+-]Inf)");

    private PrometheusFormat() {
    }

    public static void check(String text) {
        assertTrue(text.endsWith("\n"), "ends with a newline");
        Map<String, String> types = new HashMap<>();
        Set<String> helped = new HashSet<>();
        Set<String> closed = new HashSet<>();
        String current = null;
        for (String line : text.split("\n")) {
            Matcher meta = META.matcher(line);
            Matcher sample = SAMPLE.matcher(line);
            if (meta.matches()) {
                String name = meta.group(2);
                if (!name.equals(current)) {
                    assertFalse(closed.contains(name), "family " + name + " appears twice");
                    if (current != null) {
                        closed.add(current);
                    }
                    current = name;
                }
                if (meta.group(1).equals("HELP")) {
                    assertTrue(helped.add(name), "second HELP for " + name);
                } else {
                    assertTrue(meta.group(3).matches("counter|gauge|histogram|summary|untyped"), line);
                    assertEquals(null, types.put(name, meta.group(3)), "second TYPE for " + name);
                }
            } else if (sample.matches()) {
                assertEquals(current, sample.group(1), "sample outside its family: " + line);
                assertTrue(types.containsKey(current) && helped.contains(current), "HELP and TYPE first: " + line);
                if (types.get(current).equals("counter")) {
                    assertTrue(current.endsWith("_total"), "counter named _total: " + line);
                }
            } else if (!line.startsWith("# ")) {
                fail("not a metrics line: " + line);
            }
        }
    }
}
