package io.driftwatch.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads a YAML file into a {@link YamlNode} tree that keeps line and column of every value. Anchors on
 * mappings and lists and their aliases are resolved (an alias is the anchored node itself; merge keys
 * {@code <<} merge mappings); an alias of a single value is refused with its place (the YAML reader
 * reports no anchor on scalars, so it would otherwise read as the anchor's name), up to
 * {@link #MAX_ALIASED} nodes reached through aliases in all, so an alias bomb is an error, not a hang. A
 * tag that gives no scalar or collection this file can use ({@code !!binary}, custom tags), and a second
 * document, are errors with their location: never silently a default.
 */
public final class YamlReader {
    /** The largest configuration file read (a 10,000-model config is a few MiB; SnakeYAML's own default is 3 MiB). */
    static final int MAX_CHARS = 64 << 20;
    /** How many nodes all aliases together may stand for (each use counts its whole subtree). */
    static final long MAX_ALIASED = 100_000;
    private static final java.util.Set<String> PLAIN_TAGS = java.util.Set.of("!!str", "!!int", "!!float", "!!bool",
            "!!null", "!!map", "!!seq", "tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float",
            "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq", "!");
    private static final YAMLMapper MAPPER = new YAMLMapper(tools.jackson.dataformat.yaml.YAMLFactory.builder()
            .loadSettings(org.snakeyaml.engine.v2.api.LoadSettings.builder().setCodePointLimit(MAX_CHARS).build())
            .build());

    private YamlReader() {
    }

    /**
     * Parses a file. A file that cannot be read or is not valid YAML gives an error in {@code errors}
     * and an empty result.
     */
    public static Optional<YamlNode> read(Path file, String displayName, ConfigErrors errors) {
        try {
            if (Files.size(file) > MAX_CHARS) {
                errors.add(new Location(displayName, 1, 1), "", "the file is " + (Files.size(file) >> 20)
                        + " MiB; configuration files are read up to " + (MAX_CHARS >> 20) + " MiB");
                return Optional.empty();
            }
        } catch (java.nio.file.NoSuchFileException e) {
            errors.add(new Location(displayName, 1, 1), "", "no such file");
            return Optional.empty();
        } catch (IOException e) {
            errors.add(new Location(displayName, 1, 1), "", "cannot read the file: " + e.getMessage());
            return Optional.empty();
        }
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             JsonParser parser = MAPPER.createParser(in)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                errors.add(new Location(displayName, 1, 1), "", "the file is empty");
                return Optional.empty();
            }
            Builder b = new Builder(parser, displayName, errors);
            YamlNode root = b.value(first);
            JsonToken more = parser.nextToken();
            if (more != null) {
                Location at = b.here();
                errors.add(at, "", "a second YAML document starts here (after ---): a configuration file holds one "
                        + "document; put everything in it or in a file of its own");
            }
            return Optional.of(root);
        } catch (IOException e) {
            errors.add(new Location(displayName, 1, 1), "", "cannot read the file: " + e.getMessage());
        } catch (JacksonException e) {
            TokenStreamLocation at = e.getLocation();
            int line = at == null ? 1 : Math.max(1, at.getLineNr());
            int column = at == null ? 1 : Math.max(1, at.getColumnNr());
            String why = e.getOriginalMessage();
            boolean limit = e instanceof tools.jackson.core.exc.StreamConstraintsException
                    || (why != null && (why.contains("exceeds") || why.contains("limit")));
            errors.add(new Location(displayName, line, column), "", (limit ? "exceeds a limit of the YAML reader: "
                    : "not valid YAML: ") + why);
        }
        return Optional.empty();
    }

    private static final class Builder {
        private final JsonParser parser;
        private final String file;
        private final ConfigErrors errors;
        private final Map<String, YamlNode> anchors = new java.util.HashMap<>();
        private long aliased;
        private final Map<YamlNode, Long> sizes = new java.util.IdentityHashMap<>();

        Builder(JsonParser parser, String file, ConfigErrors errors) {
            this.parser = parser;
            this.file = file;
            this.errors = errors;
        }

        YamlNode value(JsonToken token) {
            Location at = here();
            YamlParserView yaml = YamlParserView.of(parser);
            if (yaml.alias()) {
                return alias(at);
            }
            String anchor = yaml.anchor();
            String tag = yaml.tag();
            YamlNode node = switch (token) {
                case START_OBJECT -> map(at);
                case START_ARRAY -> list(at);
                case VALUE_STRING -> new YamlNode.ScalarNode(at, parser.getString());
                case VALUE_NUMBER_INT -> new YamlNode.ScalarNode(at, parser.getLongValue());
                case VALUE_NUMBER_FLOAT -> new YamlNode.ScalarNode(at, parser.getDoubleValue());
                case VALUE_TRUE -> new YamlNode.ScalarNode(at, Boolean.TRUE);
                case VALUE_FALSE -> new YamlNode.ScalarNode(at, Boolean.FALSE);
                case VALUE_NULL -> new YamlNode.ScalarNode(at, null);
                default -> {
                    errors.add(at, "", "a value tagged " + (tag == null ? "" : tag + " ") + "gives " + token
                            + ", not text, a number, a boolean, a list or a mapping");
                    yield new YamlNode.ScalarNode(at, null);
                }
            };
            if (tag != null && !PLAIN_TAGS.contains(tag) && token != JsonToken.VALUE_EMBEDDED_OBJECT) {
                errors.add(at, "", "the tag " + tag + " is not one this file understands: remove it");
            }
            if (anchor != null) {
                anchors.put(anchor, node);
            }
            return node;
        }

        private YamlNode alias(Location at) {
            String name = parser.getString();
            YamlNode target = anchors.get(name);
            if (target == null) {
                errors.add(at, "", "the alias *" + name + " names no mapping or list anchored &" + name + " before it"
                        + " (an anchor on a single value cannot be used here: write the value itself)");
                return new YamlNode.ScalarNode(at, null);
            }
            aliased += size(target);
            if (aliased > MAX_ALIASED) {
                errors.add(at, "", "aliases stand for more than " + MAX_ALIASED + " values in all (an alias bomb?)");
                return new YamlNode.ScalarNode(at, null);
            }
            return target;
        }

        /** The values a node stands for, memoized (aliases make a DAG) and capped just past the limit. */
        private long size(YamlNode n) {
            Long known = sizes.get(n);
            if (known != null) {
                return known;
            }
            long total = 1;
            Iterable<YamlNode> children = n instanceof YamlNode.MapNode m ? m.entries().values()
                    : n instanceof YamlNode.ListNode l ? l.items() : List.of();
            for (YamlNode c : children) {
                total = Math.min(MAX_ALIASED + 1, total + size(c));
            }
            sizes.put(n, total);
            return total;
        }

        private YamlNode map(Location at) {
            Map<String, YamlNode> entries = new LinkedHashMap<>();
            Map<String, Location> keys = new LinkedHashMap<>();
            List<YamlNode> merges = new ArrayList<>();
            for (JsonToken t = parser.nextToken(); t != JsonToken.END_OBJECT; t = parser.nextToken()) {
                String name = parser.currentName();
                Location keyAt = here();
                YamlNode child = value(parser.nextToken());
                if (name.equals("<<")) {
                    merges.add(child);
                    continue;
                }
                if (entries.containsKey(name)) {
                    errors.add(keyAt, name, "duplicate key (first at line " + keys.get(name).line() + ")");
                }
                entries.put(name, child);
                keys.putIfAbsent(name, keyAt);
            }
            for (YamlNode m : merges) {
                merge(m, entries, keys);
            }
            return new YamlNode.MapNode(at, entries, keys);
        }

        /** A merge key's mappings: keys written in the mapping win, then earlier merged mappings. */
        private void merge(YamlNode m, Map<String, YamlNode> entries, Map<String, Location> keys) {
            List<YamlNode> sources = m instanceof YamlNode.ListNode l ? l.items() : List.of(m);
            for (YamlNode source : sources) {
                if (!(source instanceof YamlNode.MapNode map)) {
                    errors.add(source.location(), "<<", "a merge key takes a mapping or a list of mappings, not "
                            + source.kind());
                    continue;
                }
                map.entries().forEach((k, v) -> {
                    if (!entries.containsKey(k)) {
                        entries.put(k, v);
                        keys.put(k, map.keyLocations().get(k));
                    }
                });
            }
        }

        private YamlNode list(Location at) {
            List<YamlNode> items = new ArrayList<>();
            for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
                items.add(value(t));
            }
            return new YamlNode.ListNode(at, items);
        }

        Location here() {
            TokenStreamLocation l = parser.currentTokenLocation();
            return new Location(file, Math.max(1, l.getLineNr()), Math.max(1, l.getColumnNr()));
        }
    }

    /** What the YAML parser says of the current token beyond JSON's model: alias, anchor, tag. */
    private record YamlParserView(boolean alias, String anchor, String tag) {
        static YamlParserView of(JsonParser p) {
            if (!(p instanceof tools.jackson.dataformat.yaml.YAMLParser y)) {
                return new YamlParserView(false, null, null);
            }
            Object anchor = y.getObjectId();
            String tag = y.getRawTag();
            if (tag != null && tag.startsWith("tag:yaml.org,2002:")) {
                tag = "!!" + tag.substring("tag:yaml.org,2002:".length());
            }
            return new YamlParserView(y.isCurrentAlias(), anchor == null ? null : anchor.toString(), tag);
        }
    }
}
