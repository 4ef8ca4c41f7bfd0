package io.driftwatch.source;

/** The source could not be read at all (as opposed to single bad records, which are skipped). */
public final class SourceException extends Exception {
    private static final long serialVersionUID = 1L;

    public SourceException(String message, Throwable cause) {
        super(io.driftwatch.util.Redact.urls(message), cause);
    }
}
