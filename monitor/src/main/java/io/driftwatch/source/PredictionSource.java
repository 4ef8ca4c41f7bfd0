package io.driftwatch.source;

/** Reads one model's prediction records for a time range. */
public interface PredictionSource {

    /** The records whose timestamps fall in {@code range}; bad records are skipped and counted. */
    WindowData read(TimeRange range) throws SourceException;

    /** Every record the source can read, regardless of time: for fitting a reference from a file. */
    WindowData readAll() throws SourceException;
}
