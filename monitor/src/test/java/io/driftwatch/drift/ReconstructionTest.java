package io.driftwatch.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.driftwatch.support.Scipy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Multivariate drift by data reconstruction: equal to scikit-learn's StandardScaler + PCA on the same
 * rows, quiet on windows like the reference, and loud when the correlation of two features flips while
 * every marginal stays the same (which the one-feature KS test does not see).
 */
class ReconstructionTest {
    /** n rows of (x1, x2) with correlation rho, x3 independent, all N(0, 1); c in a/b/c following x3's sign. */
    private static Reconstruction.Data rows(int n, double rho, long seed) {
        Random r = new Random(seed);
        double[] x1 = new double[n];
        double[] x2 = new double[n];
        double[] x3 = new double[n];
        String[] c = new String[n];
        for (int i = 0; i < n; i++) {
            x1[i] = r.nextGaussian();
            x2[i] = rho * x1[i] + Math.sqrt(1 - rho * rho) * r.nextGaussian();
            x3[i] = r.nextGaussian();
            c[i] = x3[i] > 0.5 ? "a" : x3[i] > -0.5 ? "b" : "c";
        }
        return new Reconstruction.Data(new java.util.LinkedHashMap<>(Map.of("x1", x1, "x2", x2, "x3", x3)),
                Map.of("c", c), n);
    }

    private static Reconstruction.Data numericOnly(Reconstruction.Data d) {
        return new Reconstruction.Data(d.numeric(), Map.of(), d.rows());
    }

    private static List<List<Double>> matrix(Reconstruction.Data d) {
        List<List<Double>> out = new ArrayList<>();
        List<String> names = new ArrayList<>(d.numeric().keySet());
        for (int i = 0; i < d.rows(); i++) {
            List<Double> row = new ArrayList<>();
            for (String n : names) {
                row.add(d.numeric().get(n)[i]);
            }
            out.add(row);
        }
        return out;
    }

    @Test
    void equalToScikitLearnsPca() throws Exception {
        Reconstruction.Data ref = numericOnly(rows(2000, 0.9, 1));
        Reconstruction.Data cur = numericOnly(rows(500, -0.9, 2));
        Reconstruction fit = Reconstruction.fit(ref, 0.65, 10);
        Reconstruction.Score score = fit.score(cur);
        JsonNode sk = Scipy.run(List.of(Map.of("kind", "pca_error", "reference", matrix(ref), "current", matrix(cur),
                "variance", 0.65))).get(0);
        assertThat(score.components()).isEqualTo(sk.get("components").asInt());
        assertThat(score.referenceError()).isCloseTo(sk.get("reference_error").asDouble(), within(1e-9));
        assertThat(score.error()).isCloseTo(sk.get("error").asDouble(), within(1e-9));
    }

    @Test
    void aFlippedCorrelationIsSeenWhereNoMarginalMoves() {
        Reconstruction fit = Reconstruction.fit(rows(3000, 0.9, 3), 0.65, 10);
        Reconstruction.Data flipped = rows(500, -0.9, 4);
        Reconstruction.Data same = rows(500, 0.9, 4);
        KolmogorovSmirnovTest ks = new KolmogorovSmirnovTest();
        for (String f : List.of("x1", "x2", "x3")) {
            assertThat(ks.kolmogorovSmirnovTest(rows(3000, 0.9, 3).numeric().get(f), flipped.numeric().get(f)))
                    .as("the marginal of %s does not move", f).isGreaterThan(0.01);
        }
        assertThat(fit.score(flipped).z()).isGreaterThan(20);
        assertThat(Math.abs(fit.score(same).z())).isLessThan(3);
    }

    @Test
    void windowsLikeTheReferenceRarelyCrossThreeSigma() {
        Reconstruction fit = Reconstruction.fit(rows(5000, 0.9, 5), 0.65, 10);
        int crossed = 0;
        for (int w = 0; w < 400; w++) {
            if (fit.score(rows(200, 0.9, 100 + w)).z() > 3) {
                crossed++;
            }
        }
        assertThat(crossed / 400.0).as("windows without change above z = 3").isLessThanOrEqualTo(0.02);
    }

    @Test
    void tooLittleToFitIsNoFit() {
        assertThat(Reconstruction.fit(rows(3, 0.5, 6), 0.65, 10)).isNull();
        assertThat(Reconstruction.fit(new Reconstruction.Data(Map.of("x", new double[100]), Map.of(), 100), 0.65, 10))
                .as("one column has nothing to reconstruct").isNull();
    }
}
