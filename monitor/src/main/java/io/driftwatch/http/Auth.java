package io.driftwatch.http;

import io.driftwatch.config.HttpConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;

/**
 * Bearer-token authentication of mutating requests. The token comes from an environment variable or a
 * file (a mounted Secret), read at start and never logged. Without one, mutating endpoints are off.
 */
final class Auth {
    private final byte[] token;
    private final String source;

    private Auth(byte[] token, String source) {
        this.token = token;
        this.source = source;
    }

    static Auth from(HttpConfig config) throws IOException {
        if (config.tokenEnv() != null) {
            String v = System.getenv(config.tokenEnv());
            if (v == null || v.isBlank()) {
                throw new IOException("environment variable " + config.tokenEnv() + " (http.token_env) is not set");
            }
            return new Auth(v.strip().getBytes(StandardCharsets.UTF_8), "env " + config.tokenEnv());
        }
        if (config.tokenFile() != null) {
            return new Auth(Files.readString(config.tokenFile()).strip().getBytes(StandardCharsets.UTF_8),
                    "file " + config.tokenFile());
        }
        return new Auth(null, null);
    }

    /** Null when the request may mutate; else the refusal. */
    HttpApi.Response check(String authorization, String endpoint) {
        if (token == null) {
            return HttpApi.Response.error(403, "mutating endpoints are disabled: set http.token_env or "
                    + "http.token_file and send Authorization: Bearer <token>", endpoint);
        }
        String prefix = "bearer ";
        String a = authorization == null ? "" : authorization.strip();
        if (!a.regionMatches(true, 0, prefix, 0, prefix.length())) { // the scheme is case-insensitive (RFC 9110)
            return unauthorized("this endpoint needs Authorization: Bearer <token>", endpoint);
        }
        byte[] given = a.substring(prefix.length()).strip().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(given, token) ? null : unauthorized("the bearer token is not valid", endpoint);
    }

    private static HttpApi.Response unauthorized(String message, String endpoint) {
        HttpApi.Response r = HttpApi.Response.error(401, message, endpoint);
        return new HttpApi.Response(401, r.body(), r.contentType(), java.util.Map.of("WWW-Authenticate",
                "Bearer realm=\"driftwatch\""), endpoint);
    }

    @Override
    public String toString() {
        return token == null ? "disabled" : "bearer token from " + source;
    }
}
