package io.driftwatch.source;

/** Reads one model's prediction records for a time range. */
public interface PredictionSource {

    /** The records whose timestamps fall in {@code range}; bad records are skipped and counted. */
    WindowData read(TimeRange range) throws SourceException;

    /** Every record the source can read, regardless of time: for fitting a reference from a file. */
    WindowData readAll() throws SourceException;

    /** How much history one read of the default {@link #replay} asks for. */
    java.time.Duration REPLAY_CHUNK = java.time.Duration.ofHours(1);

    /**
     * One pass over the records of {@code range} in time order, each given to {@code sink} (a backtest):
     * by default one range read per hour of history, each sorted; a source that can stream does better.
     * Returns the lines skipped, by reason.
     */
    default java.util.Map<SkipReason, Long> replay(TimeRange range, java.util.function.Consumer<PredictionRecord> sink)
            throws SourceException {
        java.util.Map<SkipReason, Long> skipped = new java.util.EnumMap<>(SkipReason.class);
        for (java.time.Instant t = range.from(); t.isBefore(range.to()); t = t.plus(REPLAY_CHUNK)) {
            java.time.Instant end = t.plus(REPLAY_CHUNK).isBefore(range.to()) ? t.plus(REPLAY_CHUNK) : range.to();
            WindowData d = read(new TimeRange(t, end));
            d.skipped().forEach((k, v) -> skipped.merge(k, v, Long::sum));
            d.records().stream().sorted(java.util.Comparator.comparing(PredictionRecord::timestamp)).forEach(sink);
        }
        return skipped;
    }
}
