package io.driftwatch.config;

import java.nio.file.Path;

/**
 * The HTTP listener: health, metrics and the API. Port 0 picks a free port. Mutating endpoints need
 * {@code Authorization: Bearer <token>}, the token read from {@code tokenEnv} or {@code tokenFile}; with
 * neither, they are disabled.
 */
public record HttpConfig(String address, int port, String tokenEnv, Path tokenFile) {
    public HttpConfig(String address, int port) {
        this(address, port, null, null);
    }
}
