package io.driftwatch.http;

import java.util.HashMap;
import java.util.Map;

/** One request's authenticated user under {@code http.auth: kubernetes}, with its answers kept for the request. */
final class Caller {
    private final KubeAccess access;
    private final KubeAccess.User user;
    private final Map<String, Boolean> answers = new HashMap<>();

    Caller(KubeAccess access, KubeAccess.User user) {
        this.access = access;
        this.user = user;
    }

    String name() {
        return user.name();
    }

    /** Whether the caller may see the model (get ModelMonitors in its namespace). */
    boolean canRead(String model) {
        return model != null && allowed(access.namespaceOf(model), "get");
    }

    /** Whether the caller may act on the model (update ModelMonitors in its namespace). */
    boolean canUpdate(String model) {
        return model != null && allowed(access.namespaceOf(model), "update");
    }

    /** Whether the caller administers Driftwatch (update ModelMonitors in its own namespace). */
    boolean admin() {
        return allowed(access.home(), "update");
    }

    private boolean allowed(String namespace, String verb) {
        return answers.computeIfAbsent(namespace + "/" + verb, k -> {
            try {
                return access.allowed(user, namespace, verb);
            } catch (KubeAccess.Unavailable e) {
                throw new Refused(503, e.getMessage());
            }
        });
    }

    /** A request refused part way (a review the API server could not answer, an action not allowed). */
    static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int status;

        Refused(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }
    }
}
