package io.driftwatch.source;

import tools.jackson.databind.JsonNode;

/**
 * A field of a record named by a path: {@code log_processed.input} is key {@code input} of the object under
 * {@code log_processed}. A key that itself holds dots ({@code kubernetes.labels.version} as some shippers
 * flatten it) is found as well; the whole path as one key wins.
 */
public final class FieldPath {
    private FieldPath() {
    }

    /** The node at {@code path} in {@code doc}, or null. */
    public static JsonNode at(JsonNode doc, String path) {
        if (doc == null || !doc.isObject()) {
            return null;
        }
        JsonNode direct = doc.get(path);
        if (direct != null) {
            return direct;
        }
        for (int dot = path.indexOf('.'); dot > 0; dot = path.indexOf('.', dot + 1)) {
            JsonNode head = doc.get(path.substring(0, dot));
            if (head != null && head.isObject()) {
                JsonNode rest = at(head, path.substring(dot + 1));
                if (rest != null) {
                    return rest;
                }
            }
        }
        return null;
    }
}
