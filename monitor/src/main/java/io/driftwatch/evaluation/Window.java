package io.driftwatch.evaluation;

import io.driftwatch.drift.ReferenceProfile;
import io.driftwatch.drift.Sample;
import io.driftwatch.source.PredictionRecord;
import io.driftwatch.source.SkipReason;
import java.util.List;
import java.util.Map;

/**
 * One model's window as the cycle tests it, however it was read: the dominant version and its
 * reference, the documents counted or read, each column's sample, each segment's samples, the labelled
 * records (model quality), the records of the compared versions, and per column the values left out
 * for their type or shortened for their size.
 */
record Window(String version, ReferenceProfile reference, long documents, Map<SkipReason, Long> skipped,
              Map<String, Sample> samples, Map<String, Map<String, Sample>> segments,
              List<PredictionRecord> labelled, List<PredictionRecord> compared, boolean pushdown,
              Map<String, FieldIssues.Count> fieldIssues) {

    long skippedTotal() {
        return skipped.values().stream().mapToLong(Long::longValue).sum();
    }
}
