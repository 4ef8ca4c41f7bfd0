package io.driftwatch.alert.notify;

/** A receiver did not accept a notification. {@code retryable} says whether trying again may help. */
public final class NotifyException extends Exception {
    private static final long serialVersionUID = 1L;
    private final boolean retryable;

    public NotifyException(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    public boolean retryable() {
        return retryable;
    }
}
