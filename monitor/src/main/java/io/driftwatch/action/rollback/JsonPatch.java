package io.driftwatch.action.rollback;

import io.driftwatch.util.Json;
import tools.jackson.databind.JsonNode;

/**
 * A planned change as a JSON Patch of two operations: a {@code test} of the resourceVersion it was planned
 * on, and the {@code replace} of one path with a value (as JSON).
 */
record JsonPatch(String resourceVersion, String value) {
    /** The patch text. */
    static String replace(String resourceVersion, String path, String valueJson) {
        return "[{\"op\":\"test\",\"path\":\"/metadata/resourceVersion\",\"value\":" + Json.write(resourceVersion)
                + "},{\"op\":\"replace\",\"path\":" + Json.write(path) + ",\"value\":" + valueJson + "}]";
    }

    static JsonPatch read(String patch) {
        JsonNode ops = Json.MAPPER.readTree(patch);
        return new JsonPatch(ops.get(0).get("value").asString(), ops.get(1).get("value").toString());
    }
}
