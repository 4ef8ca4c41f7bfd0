package io.driftwatch.util;

/**
 * An expected reason the daemon cannot start (a port in use, a store held by another process): its
 * message says what and how to fix it, and the command line prints it without a stack trace.
 */
public final class StartupException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StartupException(String message, Throwable cause) {
        super(message, cause);
    }
}
