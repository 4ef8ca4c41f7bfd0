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
final class Auth implements MutationCheck {
    private final byte[] token;
    private final String source;

    private Auth(byte[] token, String source) {
        this.token = token;
        this.source = source;
    }

    /** No token: every check refuses (the routes of one Kubernetes caller use the caller's rights instead). */
    static Auth disabled() {
        return new Auth(null, null);
    }

    static Auth from(HttpConfig config) throws IOException {
        return of(config.tokenEnv(), config.tokenFile(), "http.token_env");
    }

    /** The read token ({@code http.read_token_env} or {@code _file}); disabled means reads are open. */
    static Auth reading(HttpConfig config) throws IOException {
        return of(config.readTokenEnv(), config.readTokenFile(), "http.read_token_env");
    }

    /** The ingest token ({@code http.ingest_token_env} or {@code _file}); disabled means ingest is open. */
    static Auth ingesting(HttpConfig config) throws IOException {
        return of(config.ingestTokenEnv(), config.ingestTokenFile(), "http.ingest_token_env");
    }

    private static Auth of(String env, java.nio.file.Path file, String key) throws IOException {
        if (env != null) {
            String v = System.getenv(env);
            if (v == null || v.isBlank()) {
                throw new IOException("environment variable " + env + " (" + key + ") is not set");
            }
            return new Auth(v.strip().getBytes(StandardCharsets.UTF_8), "env " + env);
        }
        if (file != null) {
            String v = Files.readString(file).strip();
            if (v.isEmpty()) {
                throw new IOException("the token file " + file + " (" + key.replace("_env", "_file") + ") is empty");
            }
            return new Auth(v.getBytes(StandardCharsets.UTF_8), "file " + file);
        }
        return new Auth(null, null);
    }

    boolean enabled() {
        return token != null;
    }

    /** Whether a bearer header carries this token (a cookie never does: sessions are {@link Sessions}). */
    boolean accepts(String authorization) {
        String given = bearer(authorization);
        return token != null && given != null && matches(given);
    }

    /** The credentials of an {@code Authorization: Bearer} header (the scheme is case-insensitive, RFC 9110), or null. */
    static String bearer(String authorization) {
        String a = authorization == null ? "" : authorization.strip();
        return a.regionMatches(true, 0, "bearer ", 0, 7) ? a.substring(7).strip() : null;
    }

    /** The token's bytes, from which the reading sessions' key is derived; null when disabled. */
    byte[] secret() {
        return token == null ? null : token.clone();
    }

    boolean matches(String given) {
        return token != null && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), token);
    }

    /** Null when the request may mutate; else the refusal. */
    @Override
    public HttpApi.Response check(String authorization, String endpoint) {
        if (token == null) {
            return HttpApi.Response.error(403, "mutating endpoints are disabled: set http.token_env or "
                    + "http.token_file and send Authorization: Bearer <token>", endpoint);
        }
        String given = bearer(authorization);
        if (given == null) {
            return unauthorized("this endpoint needs Authorization: Bearer <token>", endpoint);
        }
        return matches(given) ? null : unauthorized("the bearer token is not valid", endpoint);
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
