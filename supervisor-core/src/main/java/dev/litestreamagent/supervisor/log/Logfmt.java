package dev.litestreamagent.supervisor.log;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@code key=value key="quoted value"} pairs; null when the line is not made of them. */
final class Logfmt {
    private Logfmt() {
    }

    static Map<String, String> parse(String s) {
        Map<String, String> fields = new LinkedHashMap<>();
        int i = 0;
        while (i < s.length()) {
            int eq = s.indexOf('=', i);
            if (eq <= i) {
                return null;
            }
            String key = s.substring(i, eq);
            if (key.indexOf(' ') >= 0 || key.indexOf('"') >= 0) {
                return null;
            }
            int j = eq + 1;
            StringBuilder value = new StringBuilder();
            if (j < s.length() && s.charAt(j) == '"') {
                j++;
                while (j < s.length() && s.charAt(j) != '"') {
                    if (s.charAt(j) == '\\' && j + 1 < s.length()) {
                        j++;
                    }
                    value.append(s.charAt(j++));
                }
                j++; // closing quote
            } else {
                while (j < s.length() && s.charAt(j) != ' ') {
                    value.append(s.charAt(j++));
                }
            }
            fields.put(key, value.toString());
            while (j < s.length() && s.charAt(j) == ' ') {
                j++;
            }
            i = j;
        }
        return fields;
    }
}
