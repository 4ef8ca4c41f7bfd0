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

/** Reads a YAML file into a {@link YamlNode} tree that keeps line and column of every value. */
public final class YamlReader {
    /** The largest configuration file read (a 10,000-model config is a few MiB; SnakeYAML's own default is 3 MiB). */
    static final int MAX_CHARS = 64 << 20;
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
            return Optional.of(new Builder(parser, displayName, errors).value(first));
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

    private record Builder(JsonParser parser, String file, ConfigErrors errors) {

        YamlNode value(JsonToken token) {
            Location at = here();
            return switch (token) {
                case START_OBJECT -> map(at);
                case START_ARRAY -> list(at);
                case VALUE_STRING -> new YamlNode.ScalarNode(at, parser.getString());
                case VALUE_NUMBER_INT -> new YamlNode.ScalarNode(at, parser.getLongValue());
                case VALUE_NUMBER_FLOAT -> new YamlNode.ScalarNode(at, parser.getDoubleValue());
                case VALUE_TRUE -> new YamlNode.ScalarNode(at, Boolean.TRUE);
                case VALUE_FALSE -> new YamlNode.ScalarNode(at, Boolean.FALSE);
                default -> new YamlNode.ScalarNode(at, null);
            };
        }

        private YamlNode map(Location at) {
            Map<String, YamlNode> entries = new LinkedHashMap<>();
            Map<String, Location> keys = new LinkedHashMap<>();
            for (JsonToken t = parser.nextToken(); t != JsonToken.END_OBJECT; t = parser.nextToken()) {
                String name = parser.currentName();
                Location keyAt = here();
                YamlNode child = value(parser.nextToken());
                if (entries.containsKey(name)) {
                    errors.add(keyAt, name, "duplicate key (first at line " + keys.get(name).line() + ")");
                }
                entries.put(name, child);
                keys.putIfAbsent(name, keyAt);
            }
            return new YamlNode.MapNode(at, entries, keys);
        }

        private YamlNode list(Location at) {
            List<YamlNode> items = new ArrayList<>();
            for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
                items.add(value(t));
            }
            return new YamlNode.ListNode(at, items);
        }

        private Location here() {
            TokenStreamLocation l = parser.currentTokenLocation();
            return new Location(file, Math.max(1, l.getLineNr()), Math.max(1, l.getColumnNr()));
        }
    }
}
