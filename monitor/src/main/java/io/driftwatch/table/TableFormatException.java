package io.driftwatch.table;

/** A data file is malformed; the message names the file and line. */
public final class TableFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    public TableFormatException(String file, long line, String message) {
        super(file + ":" + line + ": " + message);
    }
}
