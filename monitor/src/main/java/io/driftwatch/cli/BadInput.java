package io.driftwatch.cli;

/** Input that cannot be used; the message names the file and, where it applies, the line. */
final class BadInput extends Exception {
    private static final long serialVersionUID = 1L;

    BadInput(String message) {
        super(message);
    }
}
