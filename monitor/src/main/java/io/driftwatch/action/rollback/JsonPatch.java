package io.driftwatch.action.rollback;

import io.driftwatch.util.Json;
import tools.jackson.databind.JsonNode;

/** The two operations of a planned template change: the resourceVersion test and the replaced value. */
record JsonPatch(String resourceVersion, String value) {
    static JsonPatch read(String patch) {
        JsonNode ops = Json.MAPPER.readTree(patch);
        return new JsonPatch(ops.get(0).get("value").asString(), ops.get(1).get("value").toString());
    }
}
