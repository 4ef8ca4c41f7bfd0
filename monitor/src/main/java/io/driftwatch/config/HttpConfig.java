package io.driftwatch.config;

import java.nio.file.Path;

/**
 * The HTTP listener: health, metrics, the API and the console. Port 0 picks a free port. Mutating
 * endpoints need {@code Authorization: Bearer <token>}, the token read from {@code tokenEnv} or
 * {@code tokenFile}; with neither, they are disabled. With {@code readTokenEnv} or {@code readTokenFile},
 * reading the API and the console needs a token too (the read token or the mutating one).
 */
public record HttpConfig(String address, int port, String tokenEnv, Path tokenFile, String readTokenEnv,
                         Path readTokenFile) {
    public HttpConfig(String address, int port) {
        this(address, port, null, null, null, null);
    }

    public HttpConfig(String address, int port, String tokenEnv, Path tokenFile) {
        this(address, port, tokenEnv, tokenFile, null, null);
    }
}
