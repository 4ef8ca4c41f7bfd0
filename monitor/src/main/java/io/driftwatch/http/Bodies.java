package io.driftwatch.http;

import io.driftwatch.util.Json;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;

/** Reads a request body as JSON; a malformed one is a 400 that says where, in the user's terms. */
final class Bodies {
    private Bodies() {
    }

    /** The body's JSON, or the 400 answer for {@code endpoint} (in {@code error}) when it is not JSON. */
    static Optional<JsonNode> json(String body, String endpoint, HttpApi.Response[] error) {
        try {
            JsonNode n = Json.MAPPER.readTree(body);
            if (n == null || n.isMissingNode()) {
                error[0] = HttpApi.Response.error(400, "the body is empty; a JSON object is expected", endpoint);
                return Optional.empty();
            }
            return Optional.of(n);
        } catch (JacksonException e) {
            error[0] = HttpApi.Response.error(400, "the body is not valid JSON: " + where(e, body), endpoint);
            return Optional.empty();
        }
    }

    private static String where(JacksonException e, String body) {
        TokenStreamLocation at = e.getLocation();
        long offset = at == null ? -1 : at.getCharOffset();
        if (at == null || at.getLineNr() < 1) {
            return "it cannot be read";
        }
        String what = offset >= body.length() ? "it ends too early" : "unexpected "
                + (offset >= 0 && offset < body.length() ? "'" + body.charAt((int) offset) + "'" : "text");
        return what + " at line " + at.getLineNr() + ", column " + at.getColumnNr();
    }
}
