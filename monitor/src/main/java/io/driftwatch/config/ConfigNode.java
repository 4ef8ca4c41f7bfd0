package io.driftwatch.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Typed, validating access to one YAML mapping. Each getter records a precise error (file, line, key
 * path) instead of throwing, so that a whole file is checked in one pass; {@link #finish()} reports
 * the keys nobody asked for as unknown.
 */
public final class ConfigNode {
    private final YamlNode.MapNode node;
    private final String path;
    private final ConfigErrors errors;
    private final Set<String> used = new HashSet<>();
    private final Set<String> requiredKeys = new HashSet<>();

    private ConfigNode(YamlNode.MapNode node, String path, ConfigErrors errors) {
        this.node = node;
        this.path = path;
        this.errors = errors;
        if (errors.shape() != null) {
            errors.shape().visit(path);
        }
    }

    /** Notes what a getter takes, when the parse records the file's shape ({@link ConfigShape}). */
    private void note(String key, ConfigShape.Type type) {
        if (errors.shape() != null) {
            errors.shape().key(path, key, type);
        }
    }

    private void noteRequired(String key) {
        if (errors.shape() != null && requiredKeys.add(key)) {
            errors.shape().required(path, key);
        }
    }

    /** Wraps a root node; a root that is not a mapping is an error and gives an empty node. */
    public static ConfigNode root(YamlNode root, ConfigErrors errors) {
        return of(root, "", errors);
    }

    private static ConfigNode of(YamlNode n, String path, ConfigErrors errors) {
        if (n instanceof YamlNode.MapNode map) {
            return new ConfigNode(map, path, errors);
        }
        errors.add(n.location(), path, "expected a mapping, found " + n.kind());
        return new ConfigNode(new YamlNode.MapNode(n.location(), Map.of(), Map.of()), path, errors);
    }

    public Location location() {
        return node.location();
    }

    public String path() {
        return path;
    }

    public ConfigErrors errors() {
        return errors;
    }

    /** The full key path of a child key, for error messages. */
    public String pathOf(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** Where a key is written, or this mapping's location if it is absent. */
    public Location locationOf(String key) {
        return node.keyLocations().getOrDefault(key, node.location());
    }

    /** The keys of this mapping, in file order. */
    public List<String> keys() {
        return List.copyOf(node.entries().keySet());
    }

    /** The keys of a mapping whose keys the user names (tests, versions), in file order; each is read by a getter. */
    public List<String> namedKeys(ConfigShape.Type values) {
        if (errors.shape() != null) {
            errors.shape().open(path, values);
        }
        return keys();
    }

    /** Declares the values a string key takes (its getter reads it; the caller reports any other): editors offer them. */
    public void values(String key, java.util.Collection<String> allowed) {
        if (errors.shape() != null) {
            YamlNode given = node.entries().get(key);
            errors.shape().choices(path, key, List.copyOf(allowed),
                    given instanceof YamlNode.ScalarNode s && s.value() != null ? String.valueOf(s.value()) : null);
        }
    }

    public boolean has(String key) {
        note(key, ConfigShape.Type.ANY);
        used.add(key);
        return node.entries().containsKey(key) && !isNull(node.entries().get(key));
    }

    /** Records an error about a key of this mapping. */
    public void error(String key, String message) {
        YamlNode value = node.entries().get(key);
        Location at = value != null ? value.location() : node.location();
        errors.add(at, pathOf(key), message);
    }

    public Optional<String> string(String key) {
        note(key, ConfigShape.Type.STRING);
        return scalar(key, "a string", v -> v instanceof String s ? s : null);
    }

    /**
     * The name of the environment variable that holds a secret of {@code owner} (e.g. "receiver 'pager'").
     * Whether it is set is checked when the whole configuration is loaded, so that {@code validate} and
     * start both fail on a missing secret instead of the first use.
     */
    public Optional<String> secretEnv(String key, String owner) {
        note(key, ConfigShape.Type.SECRET_ENV);
        Optional<String> name = string(key);
        name.ifPresent(v -> errors.secret(locationOf(key), pathOf(key), v, owner));
        return name;
    }

    public String requiredString(String key) {
        return required(key, string(key));
    }

    public Optional<Double> number(String key) {
        note(key, ConfigShape.Type.NUMBER);
        return scalar(key, "a number", v -> v instanceof Number n ? n.doubleValue() : null);
    }

    public Optional<Long> integer(String key) {
        note(key, ConfigShape.Type.INTEGER);
        return scalar(key, "an integer", v -> v instanceof Long l ? l : null);
    }

    /** Whether the key holds an integer (as opposed to, say, a duration string). */
    public boolean isInteger(String key) {
        note(key, ConfigShape.Type.INTEGER);
        return has(key) && node.entries().get(key) instanceof YamlNode.ScalarNode s && s.value() instanceof Long;
    }

    public Optional<Boolean> bool(String key) {
        note(key, ConfigShape.Type.BOOLEAN);
        return scalar(key, "a boolean (true or false)", v -> v instanceof Boolean b ? b : null);
    }

    /** A duration such as 500ms, 30s, 5m, 1h30m, 2d. */
    /** A duration that may be zero ({@code 0s}, {@code 0}), such as a group_wait. */
    public Optional<Duration> durationOrZero(String key) {
        note(key, ConfigShape.Type.DURATION_OR_ZERO);
        Optional<String> zero = node.entries().get(key) instanceof YamlNode.ScalarNode s && s.value() != null
                ? Optional.of(String.valueOf(s.value())) : Optional.empty();
        if (zero.isPresent() && zero.get().matches("0+(ms|s|m|h|d|w)?")) {
            used.add(key);
            return Optional.of(Duration.ZERO);
        }
        return duration(key);
    }

    public Optional<Duration> duration(String key) {
        note(key, ConfigShape.Type.DURATION);
        Optional<String> text = scalar(key, "a duration such as 30s or 5m",
                v -> v instanceof String s ? s : null);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        Optional<Duration> parsed = Durations.parse(text.get());
        if (parsed.isEmpty() && Durations.looksLikeDuration(text.get()) && !text.get().matches("0+[a-z]+")) {
            error(key, "'" + text.get() + "' is longer than the longest allowed duration, "
                    + Durations.format(Durations.MAX));
        } else if (parsed.isEmpty()) {
            error(key, "'" + text.get() + "' is not a duration; write e.g. 500ms, 30s, 5m, 1h30m or 2d");
        }
        return parsed;
    }

    /** A duration that must lie in [min, max]; outside it is an error that gives the range. */
    public Optional<Duration> duration(String key, Duration min, Duration max) {
        Optional<Duration> d = duration(key);
        if (d.isPresent() && (d.get().compareTo(min) < 0 || d.get().compareTo(max) > 0)) {
            error(key, "'" + Durations.format(d.get()) + "' is out of range: it must be from " + Durations.format(min)
                    + " to " + Durations.format(max));
            return Optional.empty();
        }
        return d;
    }

    public Optional<ConfigNode> map(String key) {
        note(key, ConfigShape.Type.MAP);
        if (!has(key)) {
            return Optional.empty();
        }
        return Optional.of(of(node.entries().get(key), pathOf(key), errors));
    }

    public ConfigNode requiredMap(String key) {
        noteRequired(key);
        Optional<ConfigNode> m = map(key);
        if (m.isEmpty()) {
            errors.add(node.location(), pathOf(key), "is required");
            return new ConfigNode(new YamlNode.MapNode(node.location(), Map.of(), Map.of()), pathOf(key), errors);
        }
        return m.get();
    }

    /** A list of mappings; each element gets its own node with an indexed path such as {@code models[2]}. */
    public List<ConfigNode> listOfMaps(String key) {
        note(key, ConfigShape.Type.LIST_OF_MAPS);
        List<ConfigNode> out = new ArrayList<>();
        List<YamlNode> items = list(key);
        for (int i = 0; i < items.size(); i++) {
            out.add(of(items.get(i), pathOf(key) + "[" + i + "]", errors));
        }
        return out;
    }

    /** A list of strings; a single string is accepted as a list of one. */
    public List<String> stringList(String key) {
        note(key, ConfigShape.Type.STRING_LIST);
        if (has(key) && node.entries().get(key) instanceof YamlNode.ScalarNode s && s.value() instanceof String v) {
            return List.of(v);
        }
        List<String> out = new ArrayList<>();
        List<YamlNode> items = list(key);
        for (int i = 0; i < items.size(); i++) {
            YamlNode item = items.get(i);
            if (item instanceof YamlNode.ScalarNode s && s.value() != null && !(s.value() instanceof Boolean)) {
                out.add(String.valueOf(s.value()));
            } else {
                errors.add(item.location(), pathOf(key) + "[" + i + "]", "expected a string, found " + item.kind());
            }
        }
        return out;
    }

    /** A mapping of string to scalar, such as labels; numbers and booleans become their text. */
    public Map<String, String> stringMap(String key) {
        note(key, ConfigShape.Type.STRING_MAP);
        Map<String, String> out = new LinkedHashMap<>();
        if (!has(key)) {
            return out;
        }
        YamlNode n = node.entries().get(key);
        if (!(n instanceof YamlNode.MapNode m)) {
            error(key, "expected a mapping, found " + n.kind());
            return out;
        }
        m.entries().forEach((k, v) -> {
            if (v instanceof YamlNode.ScalarNode s && s.value() != null) {
                out.put(k, String.valueOf(s.value()));
            } else {
                errors.add(v.location(), pathOf(key) + "." + k, "expected a string, found " + v.kind());
            }
        });
        return out;
    }

    /** Reports every key of this mapping that no getter asked for. Call after reading all keys. */
    public void finish(String... alsoAllowed) {
        for (String key : alsoAllowed) {
            note(key, ConfigShape.Type.ANY);
        }
        Set<String> allowed = new HashSet<>(used);
        allowed.addAll(List.of(alsoAllowed));
        node.entries().keySet().stream().filter(k -> !allowed.contains(k)).forEach(k ->
                errors.add(node.keyLocations().get(k), pathOf(k), "unknown key" + suggestion(k, allowed)));
    }

    private static String suggestion(String key, Set<String> allowed) {
        return allowed.stream().filter(a -> Levenshtein.distance(a, key) <= 2).findFirst()
                .map(a -> " (did you mean '" + a + "'?)").orElse("");
    }

    private List<YamlNode> list(String key) {
        if (!has(key)) {
            return List.of();
        }
        YamlNode n = node.entries().get(key);
        if (n instanceof YamlNode.ListNode l) {
            return l.items();
        }
        error(key, "expected a list, found " + n.kind());
        return List.of();
    }

    private <T> Optional<T> scalar(String key, String expected, Function<Object, T> convert) {
        if (!has(key)) {
            return Optional.empty();
        }
        YamlNode n = node.entries().get(key);
        T value = n instanceof YamlNode.ScalarNode s ? convert.apply(s.value()) : null;
        if (value == null) {
            error(key, "expected " + expected + ", found " + describe(n));
        }
        return Optional.ofNullable(value);
    }

    private <T> T required(String key, Optional<T> value) {
        noteRequired(key);
        if (!node.entries().containsKey(key) || isNull(node.entries().get(key))) {
            errors.add(node.location(), pathOf(key), "is required");
        }
        return value.orElse(null);
    }

    private static String describe(YamlNode n) {
        if (n instanceof YamlNode.ScalarNode s && s.value() != null) {
            return n.kind() + " '" + s.value() + "'";
        }
        return n.kind();
    }

    private static boolean isNull(YamlNode n) {
        return n instanceof YamlNode.ScalarNode s && s.value() == null;
    }
}
