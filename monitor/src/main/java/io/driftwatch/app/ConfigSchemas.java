package io.driftwatch.app;

import io.driftwatch.alert.RoutingParser;
import io.driftwatch.config.ConfigErrors;
import io.driftwatch.config.ConfigParser;
import io.driftwatch.config.ConfigShape;
import io.driftwatch.drift.TestRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The JSON Schemas of the three configuration files, made by the parsers themselves: a file is parsed while
 * {@link ConfigShape} records every key asked for; wherever the parser asked for a block the file lacks, or offered
 * a choice the file never took, the file grows that block (in a copy of the list element that asked, as blocks may
 * exclude each other) and is parsed again, until the parser has shown every block. Nothing here lists a key.
 */
public final class ConfigSchemas {
    /** The files that have a schema: their names on the command line and in {@code schemas/}. */
    public enum Kind { DRIFTWATCH, RULES, ROUTING }

    private static final int MAX_ROUNDS = 32;
    private static final Pattern STEP = Pattern.compile("([^.\\[]+)(?:\\[(\\d+)])?");
    private static final YAMLMapper YAML = new YAMLMapper();

    private final TestRegistry registry;

    public ConfigSchemas(TestRegistry registry) {
        this.registry = registry;
    }

    /** The schema of one kind of file, as a JSON-ready tree. */
    public Map<String, Object> schema(Kind kind) {
        Map<String, Object> file = switch (kind) {
            case DRIFTWATCH -> tree("models", new ArrayList<>(List.of(tree("name", "m"))));
            case RULES -> tree("rules", new ArrayList<>(List.of(tree("name", "r"))));
            case ROUTING -> tree("receivers", new ArrayList<>(List.of(tree("name", "r"))));
        };
        ConfigShape shape = record(kind, file);
        for (int round = 0; round < MAX_ROUNDS && !shape.gaps().isEmpty(); round++) {
            shape.gaps().forEach(g -> grow(file, g));
            shape = record(kind, file);
        }
        String name = kind.name().toLowerCase(java.util.Locale.ROOT);
        return shape.jsonSchema("https://driftwatch.io/schemas/" + name + ".schema.json", switch (kind) {
            case DRIFTWATCH -> "Driftwatch configuration (driftwatch.yaml)";
            case RULES -> "Driftwatch rule file (rules/*.yaml)";
            case ROUTING -> "Driftwatch alert routing (alerts/routing.yaml)";
        });
    }

    private ConfigShape record(Kind kind, Map<String, Object> file) {
        ConfigShape shape = new ConfigShape();
        ConfigErrors errors = new ConfigErrors(shape);
        try {
            Path dir = Files.createTempDirectory("driftwatch-schema");
            try {
                Path f = dir.resolve("file.yaml");
                YAML.writeValue(f.toFile(), file);
                switch (kind) {
                    case DRIFTWATCH -> ConfigParser.parse(f, ConfigurationLoader.extensions(registry), errors);
                    case RULES -> ConfigurationLoader.ruleParser(registry).parse(f, "rules.yaml", errors);
                    case ROUTING -> new RoutingParser().parse(f, "routing.yaml", errors);
                }
            } finally {
                try (var files = Files.list(dir)) {
                    for (Path p : files.toList()) {
                        Files.delete(p);
                    }
                }
                Files.delete(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a scratch file for the schema", e);
        }
        return shape;
    }

    /** Adds what a gap asks for: in a copy of the nearest list element on its path, or in place outside lists. */
    @SuppressWarnings("unchecked")
    private static void grow(Map<String, Object> file, ConfigShape.Gap gap) {
        int cut = gap.at().lastIndexOf(']');
        if (cut < 0) {
            put(walk(file, gap.at()), gap);
            return;
        }
        String element = gap.at().substring(0, cut + 1);
        String rest = gap.at().substring(cut + 1).replaceFirst("^\\.", "");
        Matcher last = Pattern.compile("^(.*)\\[(\\d+)]$").matcher(element);
        if (!last.matches()) {
            return;
        }
        List<Object> list = (List<Object>) walkValue(file, last.group(1));
        Map<String, Object> copy = copy((Map<String, Object>) list.get(Integer.parseInt(last.group(2))));
        copy.computeIfPresent("name", (k, v) -> v + "-" + list.size());
        put(walk(copy, rest), gap);
        list.add(copy);
    }

    private static void put(Map<String, Object> at, ConfigShape.Gap gap) {
        if (gap.value() != null) {
            at.put(gap.key(), gap.value());
        } else if (gap.type() == ConfigShape.Type.LIST_OF_MAPS) {
            at.put(gap.key(), new ArrayList<>(List.of(tree("name", "x"))));
        } else {
            at.put(gap.key(), new LinkedHashMap<String, Object>());
        }
    }

    /** The mapping at a path such as {@code models[3].actions.rollback}, made where missing. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> walk(Map<String, Object> root, String path) {
        Map<String, Object> at = root;
        if (path.isEmpty()) {
            return at;
        }
        Matcher m = STEP.matcher(path);
        while (m.find()) {
            Object next = at.get(m.group(1));
            if (m.group(2) != null) {
                next = ((List<Object>) next).get(Integer.parseInt(m.group(2)));
            } else if (!(next instanceof Map)) {
                next = new LinkedHashMap<String, Object>();
                at.put(m.group(1), next);
            }
            at = (Map<String, Object>) next;
        }
        return at;
    }

    private static Object walkValue(Map<String, Object> root, String path) {
        int dot = path.lastIndexOf('.');
        Map<String, Object> parent = walk(root, dot < 0 ? "" : path.substring(0, dot));
        return parent.get(dot < 0 ? path : path.substring(dot + 1));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> copy(Map<String, Object> m) {
        Map<String, Object> out = new LinkedHashMap<>();
        BiConsumer<String, Object> each = (k, v) -> out.put(k, v instanceof Map<?, ?> map ? copy((Map<String, Object>) map)
                : v instanceof List<?> l ? new ArrayList<>(l.stream().map(e -> e instanceof Map<?, ?> em
                        ? (Object) copy((Map<String, Object>) em) : e).toList()) : v);
        m.forEach(each);
        return out;
    }

    private static Map<String, Object> tree(String key, Object value) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(key, value);
        return m;
    }
}
