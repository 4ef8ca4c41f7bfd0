package io.driftwatch.config;

import java.util.List;
import java.util.Map;

/** A YAML value that remembers where it was written, so that every error can name file, line and key. */
public sealed interface YamlNode {

    Location location();

    /** A short name of the node's kind, for "expected X, found Y" messages. */
    String kind();

    /** A mapping, in the order written. */
    record MapNode(Location location, Map<String, YamlNode> entries, Map<String, Location> keyLocations)
            implements YamlNode {
        @Override
        public String kind() {
            return "a mapping";
        }
    }

    /** A sequence. */
    record ListNode(Location location, List<YamlNode> items) implements YamlNode {
        @Override
        public String kind() {
            return "a list";
        }
    }

    /** A scalar with its parsed Java value: String, Long, Double, Boolean, or null. */
    record ScalarNode(Location location, Object value) implements YamlNode {
        @Override
        public String kind() {
            if (value == null) {
                return "null";
            }
            if (value instanceof String) {
                return "a string";
            }
            return value instanceof Boolean ? "a boolean" : "a number";
        }
    }
}
