package io.driftwatch.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.driftwatch.support.Scipy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The A/B statistics agree with statsmodels (differences of proportions and of means, Wald and Welch)
 * and SciPy (the sample-ratio chi-square) on the same counts, and the always-valid p-value behaves as
 * the mSPRT should: 1 for no difference, small for a large one, never below the fixed-horizon p.
 */
class AbStatsTest {
    @Test
    void proportionsMeansAndSampleRatioAgreeWithStatsmodelsAndScipy() throws Exception {
        Random r = new Random(3);
        List<Map<String, Object>> cases = new ArrayList<>();
        List<AbStats.Difference> ours = new ArrayList<>();
        long[][] props = {{820, 1000, 790, 1000}, {16_400, 20_000, 16_800, 20_000}, {45, 60, 51, 70}, {2, 100, 7, 100}};
        for (long[] p : props) {
            cases.add(Map.of("kind", "proportions", "x1", p[0], "n1", p[1], "x2", p[2], "n2", p[3], "alpha", 0.05));
            ours.add(AbStats.proportions(p[0], p[1], p[2], p[3], 0.95, 0.02));
        }
        for (int i = 0; i < 3; i++) {
            double scale = 1 + i;
            double[] a = r.doubles(200 + 300 * i).map(x -> Math.abs(r.nextGaussian()) * scale).toArray();
            double[] b = r.doubles(150 + 500 * i).map(x -> Math.abs(r.nextGaussian()) * (scale + 0.1)).toArray();
            cases.add(Map.of("kind", "means", "a", a, "b", b, "alpha", 0.05));
            ours.add(AbStats.means(a, b, 0.95, 0.1));
        }
        long[][] counts = {{9_040, 960}, {9_200, 800}, {4_900, 5_100, 0}};
        double[][] shares = {{0.9, 0.1}, {0.9, 0.1}, {0.5, 0.49, 0.01}};
        for (int i = 0; i < counts.length; i++) {
            cases.add(Map.of("kind", "srm", "counts", counts[i], "shares", shares[i]));
        }
        List<JsonNode> ref = Scipy.run(cases);
        for (int i = 0; i < ours.size(); i++) {
            AbStats.Difference d = ours.get(i);
            JsonNode s = ref.get(i);
            assertThat(d.low()).as("case %d low", i).isCloseTo(s.get("low").asDouble(), within(1e-9));
            assertThat(d.high()).as("case %d high", i).isCloseTo(s.get("high").asDouble(), within(1e-9));
            assertThat(d.pValue()).as("case %d p", i).isCloseTo(s.get("p_value").asDouble(), within(1e-9));
            assertThat(d.alwaysValidP()).as("always valid is never below the fixed-horizon p").isGreaterThanOrEqualTo(d.pValue());
        }
        for (int i = 0; i < counts.length; i++) {
            assertThat(AbStats.sampleRatioP(counts[i], shares[i])).as("srm %d", i)
                    .isCloseTo(ref.get(ours.size() + i).get("p_value").asDouble(), within(1e-12));
        }
    }

    @Test
    void theAlwaysValidPValueFollowsTheMixtureRatio() {
        assertThat(AbStats.alwaysValid(0, 1e-4, 0.02)).isEqualTo(1.0);
        assertThat(AbStats.alwaysValid(0.05, 1e-5, 0.02)).isLessThan(1e-10);
        double v = 3e-5;
        double tau = 0.02;
        double theta = 0.015;
        double lambda = Math.sqrt(v / (v + tau * tau)) * Math.exp(tau * tau * theta * theta / (2 * v * (v + tau * tau)));
        assertThat(AbStats.alwaysValid(theta, v, tau)).isCloseTo(1 / lambda, within(1e-12));
    }
}
