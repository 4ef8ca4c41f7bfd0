package io.driftwatch.action;

/** An action could not be carried out; {@code conflict} when another writer changed the object first. */
public final class ActionException extends Exception {
    private static final long serialVersionUID = 1L;
    private final boolean conflict;

    public ActionException(String message, boolean conflict, Throwable cause) {
        super(message, cause);
        this.conflict = conflict;
    }

    public boolean conflict() {
        return conflict;
    }

    /** Wraps a Kubernetes API failure, flagging 409 Conflict. */
    public static ActionException of(String what, io.fabric8.kubernetes.client.KubernetesClientException e) {
        if (e.getCode() <= 0) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            return new ActionException(what + ": no answer from the API server (" + root + ")", false, e);
        }
        return new ActionException(what + ": HTTP " + e.getCode() + " " + e.getMessage(), e.getCode() == 409, e);
    }
}
