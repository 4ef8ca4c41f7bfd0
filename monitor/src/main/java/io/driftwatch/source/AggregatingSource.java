package io.driftwatch.source;

import java.util.List;
import java.util.Map;

/** A source that can count a window in place (pushdown) instead of handing over every record. */
public interface AggregatingSource extends PredictionSource {

    /** Documents per model version in the window; cheap, to choose the mode and the reference. */
    Map<String, Long> versions(TimeRange range) throws SourceException;

    /** Whether any window may be counted in place (false in pull mode: then no version count is asked). */
    boolean mayPushdown();

    /** Whether a window of {@code documents} documents should be counted in place. */
    boolean pushdown(long documents);

    /** The {@code n} most frequent values of an input field in the window, most frequent first. */
    List<String> topValues(TimeRange range, String field, int n) throws SourceException;

    /** The counts the plan asks for. */
    Aggregates aggregate(TimeRange range, AggregatePlan plan) throws SourceException;

    /** Only the records that carry a label (on the document or joined from a labels index): for model quality. */
    List<PredictionRecord> labelled(TimeRange range) throws SourceException;

    /** The records of the given versions with only their version, prediction and request id: for comparisons. */
    List<PredictionRecord> predictions(TimeRange range, List<String> versions) throws SourceException;
}
