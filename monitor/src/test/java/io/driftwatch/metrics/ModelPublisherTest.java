package io.driftwatch.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.drift.ColumnType;
import io.driftwatch.drift.ColumnResult;
import io.driftwatch.drift.ColumnStatus;
import io.driftwatch.drift.DriftReport;
import io.driftwatch.drift.Verdict;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Segment and comparison series: values, and removal of segments that left the top. */
class ModelPublisherTest {

    private static DriftReport drifted(int n) {
        List<ColumnResult> cols = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            cols.add(new ColumnResult("f" + i, ColumnType.NUMERIC, 100, 100, 0, 0,
                    i < n ? ColumnStatus.DRIFT : ColumnStatus.OK, null, List.of(), List.of()));
        }
        return new DriftReport(cols, n > 0 ? Verdict.DRIFT : Verdict.OK);
    }

    private static Map<String, Double> series(io.prometheus.metrics.core.metrics.Gauge g) {
        Map<String, Double> out = new java.util.TreeMap<>();
        g.collect().getDataPoints().forEach(d -> out.put(String.join(",", d.getLabels().stream()
                .map(l -> l.getValue()).toList()), d.getValue()));
        return out;
    }

    @Test
    void segmentsAndComparisonsArePublishedAndStaleSegmentsRemoved() {
        Metrics m = new Metrics();
        ModelPublisher p = new ModelPublisher(m);
        p.scoped("m", Map.of("US", drifted(0), "DE", drifted(2), "other", drifted(1)), "2 vs 1",
                Map.of("pairs", 300.0, "mean_abs_diff", 0.08), drifted(1));
        assertThat(series(m.segmentDrifted)).containsExactlyInAnyOrderEntriesOf(Map.of("m,US", 0.0, "m,DE", 2.0,
                "m,other", 1.0));
        assertThat(series(m.comparison)).containsEntry("2 vs 1,pairs,m", 300.0).containsEntry("2 vs 1,mean_abs_diff,m", 0.08)
                .containsEntry("2 vs 1,prediction_drift,m", 1.0); // labels in name order
        p.scoped("m", Map.of("US", drifted(1), "FR", drifted(0), "other", drifted(0)), null, Map.of(), null);
        assertThat(series(m.segmentDrifted)).containsOnlyKeys("m,US", "m,FR", "m,other");
        assertThat(series(m.comparison)).isEmpty();
    }
}
