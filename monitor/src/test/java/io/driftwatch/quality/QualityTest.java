package io.driftwatch.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.driftwatch.source.PredictionRecord;
import io.driftwatch.support.Scipy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Quality metrics from labels against scikit-learn's. */
class QualityTest {

    private static PredictionRecord record(Object prediction, Object label) {
        return new PredictionRecord(Instant.EPOCH, "m", "1", Map.of(), prediction, label, null, null);
    }

    @Test
    void classificationMatchesScikitLearnIncludingTiedScores() throws Exception {
        Random rnd = new Random(3);
        List<PredictionRecord> rs = new ArrayList<>();
        double[] labels = new double[2000];
        double[] scores = new double[2000];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = rnd.nextDouble() < 0.3 ? 1 : 0;
            scores[i] = Math.round(Math.min(1, Math.max(0, 0.3 + 0.3 * labels[i] + 0.25 * rnd.nextGaussian())) * 20) / 20.0;
            rs.add(record(scores[i], labels[i]));
        }
        rs.add(record(0.9, null));
        QualityReport q = Quality.of(rs);
        JsonNode e = Scipy.run(List.of(Map.of("kind", "classification", "labels", labels, "scores", scores))).get(0);
        assertThat(q.task()).isEqualTo("classification");
        assertThat(q.labelled()).isEqualTo(2000);
        for (String m : List.of("accuracy", "precision", "recall", "f1", "roc_auc")) {
            assertThat(q.metrics().get(m)).as(m).isCloseTo(e.get(m).asDouble(), within(1e-12));
        }
    }

    @Test
    void classesAsTextAndRegression() throws Exception {
        QualityReport text = Quality.of(List.of(record("yes", "yes"), record("no", "yes"), record("no", "no"), record("yes", "no")));
        assertThat(text.metrics()).containsEntry("accuracy", 0.5).doesNotContainKey("roc_auc");
        double[] y = {1.5, 2.0, 10.0, 3.25};
        double[] p = {1.0, 2.5, 7.0, 3.25};
        List<PredictionRecord> rs = new ArrayList<>();
        for (int i = 0; i < y.length; i++) {
            rs.add(record(p[i], y[i]));
        }
        QualityReport reg = Quality.of(rs);
        JsonNode e = Scipy.run(List.of(Map.of("kind", "regression", "labels", y, "predictions", p))).get(0);
        assertThat(reg.task()).isEqualTo("regression");
        assertThat(reg.metrics().get("mae")).isCloseTo(e.get("mae").asDouble(), within(1e-12));
        assertThat(reg.metrics().get("rmse")).isCloseTo(e.get("rmse").asDouble(), within(1e-12));
        assertThat(Quality.of(List.of(record(0.3, null))).task()).isEqualTo("none");
    }
}
