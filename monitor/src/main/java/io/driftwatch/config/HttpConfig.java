package io.driftwatch.config;

import java.nio.file.Path;

/**
 * The HTTP listener: health, metrics, the API and the console. Port 0 picks a free port. Mutating
 * endpoints need {@code Authorization: Bearer <token>}, the token read from {@code tokenEnv} or
 * {@code tokenFile}; with neither, they are disabled. With {@code readTokenEnv} or {@code readTokenFile},
 * reading the API and the console needs a token too (the read token or the mutating one). With
 * {@code ingestTokenEnv} or {@code ingestTokenFile}, posting to the ingest endpoint needs that token (or the
 * mutating one); without, the ingest endpoint is open to whoever the NetworkPolicy lets in (KServe's
 * payload logger sends no credentials). With {@code auth: kubernetes} ({@code kubernetesAuth} not null) the console
 * and the API take Kubernetes bearer tokens instead, reviewed by the API server.
 */
public record HttpConfig(String address, int port, String tokenEnv, Path tokenFile, String readTokenEnv,
                         Path readTokenFile, String ingestTokenEnv, Path ingestTokenFile, KubernetesAuth kubernetesAuth) {

    /** {@code http.auth: kubernetes}; {@code namespace} is Driftwatch's own (null: the pod's, from its ServiceAccount). */
    public record KubernetesAuth(String namespace) {
    }

    public HttpConfig(String address, int port, String tokenEnv, Path tokenFile, String readTokenEnv,
                      Path readTokenFile, String ingestTokenEnv, Path ingestTokenFile) {
        this(address, port, tokenEnv, tokenFile, readTokenEnv, readTokenFile, ingestTokenEnv, ingestTokenFile, null);
    }

    public HttpConfig(String address, int port) {
        this(address, port, null, null, null, null);
    }

    public HttpConfig(String address, int port, String tokenEnv, Path tokenFile) {
        this(address, port, tokenEnv, tokenFile, null, null);
    }

    public HttpConfig(String address, int port, String tokenEnv, Path tokenFile, String readTokenEnv, Path readTokenFile) {
        this(address, port, tokenEnv, tokenFile, readTokenEnv, readTokenFile, null, null);
    }
}
