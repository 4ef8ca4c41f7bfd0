package io.driftwatch.http;

/** A gate call that cannot be answered: its HTTP status (400 bad parameters, 404 unknown model, 503 source down) and why. */
public final class GateRefused extends Exception {
    private static final long serialVersionUID = 1L;
    private final int status;

    public GateRefused(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
