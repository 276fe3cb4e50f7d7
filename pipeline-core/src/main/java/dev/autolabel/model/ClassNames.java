package dev.autolabel.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Class names of a closed-set detector: from config when given, else from the model's {@code names} metadata
 * (Ultralytics writes a Python dict literal such as {@code {0: 'person', 1: "traffic light"}}),
 * else {@code class_<i>}.
 */
public final class ClassNames {

    private static final Pattern ENTRY = Pattern.compile("(\\d+)\\s*:\\s*(?:'((?:[^'\\\\]|\\\\.)*)'|\"((?:[^\"\\\\]|\\\\.)*)\")");

    private final List<String> names;

    private ClassNames(List<String> names) {
        this.names = List.copyOf(names);
    }

    public static ClassNames resolve(List<String> configured, Map<String, String> metadata) {
        if (!configured.isEmpty()) {
            return new ClassNames(configured);
        }
        return new ClassNames(Optional.ofNullable(metadata.get("names")).map(ClassNames::parseUltralytics).orElse(List.of()));
    }

    /** Parses {@code {0: 'a', 1: 'b'}}; indices missing from the dict get {@code class_<i>}. */
    static List<String> parseUltralytics(String dict) {
        TreeMap<Integer, String> byIndex = new TreeMap<>();
        Matcher m = ENTRY.matcher(dict);
        while (m.find()) {
            String raw = m.group(2) != null ? m.group(2) : m.group(3);
            byIndex.put(Integer.parseInt(m.group(1)), raw.replaceAll("\\\\(.)", "$1"));
        }
        List<String> names = new ArrayList<>();
        if (!byIndex.isEmpty()) {
            for (int i = 0; i <= byIndex.lastKey(); i++) {
                names.add(byIndex.getOrDefault(i, "class_" + i));
            }
        }
        return names;
    }

    /** Name of class {@code id}; unnamed classes are {@code class_<id>}. */
    public String name(int id) {
        return id < names.size() ? names.get(id) : "class_" + id;
    }

    public int size() {
        return names.size();
    }

    public List<String> asList() {
        return names;
    }
}
