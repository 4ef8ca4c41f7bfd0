package io.driftwatch.http;

import java.util.List;

/**
 * Who may read and change which models when the console and the API authenticate with Kubernetes ({@code http.auth:
 * kubernetes}), as kube-rbac-proxy does: a bearer token is reviewed by the API server (TokenReview), and a caller
 * sees the models of the namespaces where a SubjectAccessReview lets them {@code get modelmonitors}, and changes
 * what they may {@code update}.
 */
public interface KubeAccess {

    /** The user a token belongs to, or null when the API server says the token is not valid. */
    User review(String token) throws Unavailable;

    /** Whether the user may {@code verb} ModelMonitors ({@code driftwatch.io}) in {@code namespace}. */
    boolean allowed(User user, String namespace, String verb) throws Unavailable;

    /** The namespace of a model: its ModelMonitor's, or {@link #home()} for a model of the configuration files. */
    String namespaceOf(String model);

    /** Driftwatch's own namespace: who may update ModelMonitors there administers it (silences, reload). */
    String home();

    /** An authenticated user, as the TokenReview gave it (the SubjectAccessReview asks about exactly this user). */
    record User(String name, String uid, List<String> groups, java.util.Map<String, List<String>> extra) {
    }

    /** The API server could not answer a review: the request is refused with 503, never let through. */
    final class Unavailable extends Exception {
        private static final long serialVersionUID = 1L;

        public Unavailable(String message) {
            super(message);
        }
    }
}
