package io.driftwatch.alert.notify;

import java.time.Duration;

/**
 * A receiver did not accept a notification. {@code retryable} says whether trying again may help;
 * {@code retryAfter} is how long the receiver asked to wait (a 429's Retry-After), or null.
 */
public final class NotifyException extends Exception {
    private static final long serialVersionUID = 1L;
    private final boolean retryable;
    private final transient Duration retryAfter;

    public NotifyException(String message, boolean retryable, Throwable cause) {
        this(message, retryable, null, cause);
    }

    /** The message is kept with every URL in it redacted (it is shown in dead letters, the API and logs). */
    public NotifyException(String message, boolean retryable, Duration retryAfter, Throwable cause) {
        super(io.driftwatch.util.Redact.urls(message), cause);
        this.retryable = retryable;
        this.retryAfter = retryAfter;
    }

    public boolean retryable() {
        return retryable;
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    /** The wait a Retry-After header asks for (seconds), or null when absent or unreadable. */
    public static Duration retryAfter(java.util.Optional<String> header) {
        try {
            return header.map(h -> Duration.ofSeconds(Long.parseLong(h.strip()))).orElse(null);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
