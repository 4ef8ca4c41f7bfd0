package io.driftwatch.config;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The shape of a configuration file as the parser reads it: every key each {@link ConfigNode} getter asks for,
 * with the type the getter takes, recorded while parsing. A getter asks for its key whether or not the file
 * has it, so parsing a file that enters every block records every key; the JSON Schema for editors
 * ({@code driftwatch config schema}) is made from this record and cannot drift from the parser.
 */
public final class ConfigShape {
    /** What a getter takes. */
    public enum Type { ANY, STRING, SECRET_ENV, NUMBER, INTEGER, BOOLEAN, DURATION, DURATION_OR_ZERO, MAP, LIST_OF_MAPS,
        STRING_LIST, STRING_MAP }

    private static final String DURATION = "^([0-9]+(ms|s|m|h|d|w))+$";

    /** One mapping's record: its keys in the order first asked, and how often it was visited. */
    private static final class Node {
        final Map<String, EnumSet<Type>> keys = new LinkedHashMap<>();
        final Map<String, Integer> requiredIn = new LinkedHashMap<>();
        final Map<String, Set<String>> choices = new LinkedHashMap<>();
        final Map<String, Set<String>> chosen = new LinkedHashMap<>();
        final Map<String, String> askedAt = new LinkedHashMap<>();
        int visits;
        boolean open;
    }

    private final Map<String, Node> nodes = new LinkedHashMap<>();

    void visit(String path) {
        node(path).visits++;
    }

    void key(String path, String key, Type type) {
        Node n = node(path);
        n.keys.computeIfAbsent(key, k -> EnumSet.noneOf(Type.class)).add(type);
        n.askedAt.putIfAbsent(key, path);
    }

    void required(String path, String key) {
        node(path).requiredIn.merge(key, 1, Integer::sum);
    }

    void choices(String path, String key, List<String> values, String given) {
        Node n = node(path);
        n.choices.computeIfAbsent(key, k -> new LinkedHashSet<>()).addAll(values);
        n.askedAt.putIfAbsent(key, path);
        if (given != null) {
            n.chosen.computeIfAbsent(key, k -> new LinkedHashSet<>()).add(given);
        }
    }

    /**
     * What a file would have to add for the parser to show more of its shape: a mapping or list the parser asks
     * for but never entered, or a value of a choice never taken. {@code at} is where the key was asked first.
     */
    public record Gap(String at, String key, Type type, String value) {
    }

    /** Every gap of the record so far (see {@link Gap}). */
    public List<Gap> gaps() {
        List<Gap> out = new ArrayList<>();
        nodes.forEach((pattern, n) -> {
            n.keys.forEach((key, types) -> {
                for (Type t : List.of(Type.MAP, Type.LIST_OF_MAPS)) {
                    String child = pattern(child(pattern, key) + (t == Type.LIST_OF_MAPS ? "[]" : ""));
                    if (types.contains(t) && nodes.getOrDefault(child, new Node()).visits == 0) {
                        out.add(new Gap(n.askedAt.get(key), key, t, null));
                    }
                }
            });
            n.choices.forEach((key, values) -> values.stream()
                    .filter(v -> !n.chosen.getOrDefault(key, Set.of()).contains(v))
                    .forEach(v -> out.add(new Gap(n.askedAt.get(key), key, Type.STRING, v))));
        });
        return out;
    }

    /** The mapping at {@code path} takes keys the user names (test names, versions): any key, these values. */
    void open(String path, Type values) {
        node(path).open = true;
        node(path).keys.computeIfAbsent("*", k -> EnumSet.noneOf(Type.class)).add(values);
    }

    private Node node(String path) {
        return nodes.computeIfAbsent(pattern(path), p -> new Node());
    }

    /** {@code models[2].features[0]} is {@code models[].features[]}; a tree ({@code routes[].routes[]}) folds. */
    static String pattern(String path) {
        String p = path.replaceAll("\\[\\d+]", "[]");
        String folded;
        while (!(folded = p.replaceAll("(\\.[A-Za-z_]+\\[])\\1", "$1")).equals(p)) {
            p = folded;
        }
        return p;
    }

    /** The JSON Schema (draft 2020-12) of the file whose root mapping was recorded. */
    public Map<String, Object> jsonSchema(String id, String title) {
        Map<String, Object> defs = new TreeMap<>();
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        root.put("$id", id);
        root.put("title", title);
        root.putAll(object("", new ArrayList<>(), defs));
        if (!defs.isEmpty()) {
            root.put("$defs", defs);
        }
        return root;
    }

    private Map<String, Object> object(String path, List<String> ancestors, Map<String, Object> defs) {
        Node n = nodes.getOrDefault(path, new Node());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("type", "object");
        if (n.open) {
            EnumSet<Type> values = EnumSet.noneOf(Type.class);
            n.keys.values().forEach(values::addAll);
            out.put("additionalProperties", values.isEmpty() ? Map.of() : value(values, path + ".*", ancestors, defs));
            return out;
        }
        ancestors.add(path);
        Map<String, Object> props = new LinkedHashMap<>();
        n.keys.forEach((key, types) -> {
            Map<String, Object> v = new LinkedHashMap<>(value(types, child(path, key), ancestors, defs));
            if (n.choices.containsKey(key)) {
                v.put("enum", List.copyOf(n.choices.get(key)));
            }
            props.put(key, v);
        });
        ancestors.remove(ancestors.size() - 1);
        out.put("properties", props);
        List<String> required = n.requiredIn.entrySet().stream()
                .filter(e -> e.getValue() >= n.visits).map(Map.Entry::getKey).toList();
        if (!required.isEmpty()) {
            out.put("required", required);
        }
        out.put("additionalProperties", false);
        return out;
    }

    private static String child(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private Map<String, Object> value(EnumSet<Type> types, String path, List<String> ancestors, Map<String, Object> defs) {
        EnumSet<Type> t = EnumSet.copyOf(types);
        if (t.size() > 1) {
            t.remove(Type.ANY);
        }
        if (t.contains(Type.SECRET_ENV)) {
            t.remove(Type.STRING);
        }
        if (t.contains(Type.DURATION_OR_ZERO)) {
            t.remove(Type.DURATION);
        }
        List<Map<String, Object>> each = new ArrayList<>();
        for (Type type : t) {
            each.add(one(type, path, ancestors, defs));
        }
        return each.size() == 1 ? each.get(0) : ordered("anyOf", each);
    }

    private Map<String, Object> one(Type type, String path, List<String> ancestors, Map<String, Object> defs) {
        return switch (type) {
            case ANY -> ordered();
            case STRING -> ordered("type", "string");
            case SECRET_ENV -> ordered("type", "string", "pattern", "^[A-Za-z_][A-Za-z0-9_]*$",
                    "description", "the name of an environment variable that holds the secret");
            case NUMBER -> ordered("type", "number");
            case INTEGER -> ordered("type", "integer");
            case BOOLEAN -> ordered("type", "boolean");
            case DURATION -> ordered("type", "string", "pattern", DURATION,
                    "description", "a duration such as 500ms, 30s, 5m, 1h30m or 2d");
            case DURATION_OR_ZERO -> ordered("anyOf", List.of(
                    ordered("type", "string", "pattern", "^(0+|([0-9]+(ms|s|m|h|d|w))+)$"), ordered("const", 0)),
                    "description", "a duration such as 30s or 5m, or 0");
            case STRING_LIST -> ordered("anyOf", List.of(ordered("type", "string"),
                    ordered("type", "array", "items", ordered("type", List.of("string", "number")))));
            case STRING_MAP -> ordered("type", "object",
                    "additionalProperties", ordered("type", List.of("string", "number", "boolean")));
            case MAP -> nested(path, ancestors, defs);
            case LIST_OF_MAPS -> ordered("type", "array", "items", nested(pattern(path + "[]"), ancestors, defs));
        };
    }

    /** A mapping that keeps its keys in the order given, so that the schema prints the same every time. */
    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }

    /** A nested mapping, or a reference to an enclosing one where the file is a tree. */
    private Map<String, Object> nested(String path, List<String> ancestors, Map<String, Object> defs) {
        if (ancestors.contains(path)) {
            String name = path.replaceAll("[^A-Za-z0-9_]+", "_").replaceAll("^_|_$", "");
            if (!defs.containsKey(name)) {
                defs.put(name, Map.of()); // placeholder: the tree refers to itself
                defs.put(name, object(path, new ArrayList<>(List.of(path)), defs));
            }
            return ordered("$ref", "#/$defs/" + name);
        }
        return object(path, ancestors, defs);
    }
}
