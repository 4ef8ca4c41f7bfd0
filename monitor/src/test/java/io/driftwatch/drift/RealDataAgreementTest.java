package io.driftwatch.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.driftwatch.support.Scipy;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * KS, PSI, Wasserstein and chi-square against SciPy on real public data sets (scikit-learn's bundled
 * iris, wine, breast cancer, Boston housing and digits, from Debian's python3-sklearn): each feature of
 * one class against the same feature of the other classes. Digits' pixel values are heavily tied.
 */
class RealDataAgreementTest {
    private static final Path DATA = Path.of("/usr/lib/python3/dist-packages/sklearn/datasets/data");
    private static final List<double[][]> PAIRS = new ArrayList<>();
    private static final List<String> LABELS = new ArrayList<>();
    private static final List<Map<String, Object>> CASES = new ArrayList<>();
    private static List<JsonNode> results;

    @BeforeAll
    static void load() throws Exception {
        assertThat(DATA).as("scikit-learn's data sets (Debian python3-sklearn; .ci/run installs it)").isDirectory();
        split("iris.csv", 1, lines("iris.csv"));
        split("wine_data.csv", 1, lines("wine_data.csv"));
        split("breast_cancer.csv", 1, lines("breast_cancer.csv"));
        split("boston_house_prices.csv", 2, lines("boston_house_prices.csv"));
        split("digits.csv.gz", 0, lines("digits.csv.gz"));
        for (double[][] p : PAIRS) {
            CASES.add(Map.of("kind", "ks", "a", p[0], "b", p[1]));
            CASES.add(Map.of("kind", "psi", "a", p[0], "b", p[1]));
            CASES.add(Map.of("kind", "wasserstein", "a", p[0], "b", p[1]));
            CASES.add(Map.of("kind", "chi2", "ref", counts(p[0]), "cur", counts(p[1])));
        }
        results = Scipy.run(CASES);
    }

    private static List<String> lines(String name) throws Exception {
        Path p = DATA.resolve(name);
        var in = Files.newInputStream(p);
        try (BufferedReader r = new BufferedReader(new InputStreamReader(name.endsWith(".gz") ? new GZIPInputStream(in) : in,
                StandardCharsets.UTF_8))) {
            return r.lines().toList();
        }
    }

    /** Rows after {@code skip} header lines; the last column is the class (or, for Boston, price above the median). */
    private static void split(String name, int skip, List<String> lines) {
        List<double[]> rows = lines.stream().skip(skip).filter(l -> !l.isBlank())
                .map(l -> Arrays.stream(l.split(",")).mapToDouble(Double::parseDouble).toArray()).toList();
        int width = rows.get(0).length;
        double[] last = rows.stream().mapToDouble(r -> r[width - 1]).sorted().toArray();
        double cut = name.startsWith("boston") ? last[last.length / 2] : last[0];
        int columns = name.startsWith("digits") ? 20 : width - 1;
        for (int c = name.startsWith("digits") ? 18 : 0; c < columns; c++) {
            final int col = c;
            double[] a = rows.stream().filter(r -> r[width - 1] <= cut).mapToDouble(r -> r[col]).toArray();
            double[] b = rows.stream().filter(r -> r[width - 1] > cut).mapToDouble(r -> r[col]).toArray();
            PAIRS.add(new double[][] {a, b});
            LABELS.add(name + " column " + c);
        }
    }

    private static Map<String, Long> counts(double[] v) {
        Map<String, Long> m = new HashMap<>();
        for (double x : v) {
            m.merge(Samples.toCategory(x), 1L, Long::sum);
        }
        return m;
    }

    private static double[] sorted(double[] v) {
        double[] c = v.clone();
        Arrays.sort(c);
        return c;
    }

    @Test
    void everyStatisticAgreesWithScipyOnEveryColumn() {
        assertThat(PAIRS).hasSizeGreaterThan(60);
        for (int i = 0; i < PAIRS.size(); i++) {
            String label = LABELS.get(i);
            double[] a = sorted(PAIRS.get(i)[0]);
            double[] b = sorted(PAIRS.get(i)[1]);
            ColumnReference.Numeric ref = ColumnReference.Numeric.fit(new Sample.Numeric(a, 0));
            Sample.Numeric cur = new Sample.Numeric(b, 0);
            JsonNode ks = results.get(4 * i);
            KolmogorovSmirnov.Result r = KolmogorovSmirnov.test(a, b);
            assertThat(r.statistic()).as(label).isCloseTo(ks.get("statistic").doubleValue(), within(1e-12));
            double p = ks.get("p_value").doubleValue();
            assertThat(Math.abs(r.pValue() - p) <= 1e-6 || Math.abs(r.pValue() - p) <= 1e-4 * p)
                    .as(label + ": p " + r.pValue() + " vs " + p).isTrue();
            assertThat(new PsiTest().run(ref, cur).statistic()).as(label)
                    .isCloseTo(results.get(4 * i + 1).get("statistic").doubleValue(), within(1e-9));
            double w = results.get(4 * i + 2).get("statistic").doubleValue();
            assertThat(new WassersteinTest().run(ref, cur).statistic()).as(label).isCloseTo(w, within(1e-9 * Math.max(1, w)));
            JsonNode chi = results.get(4 * i + 3);
            TestOutcome c = new ChiSquareTest().run(ref, cur);
            double s = chi.get("statistic").doubleValue();
            assertThat(c.statistic()).as(label).isCloseTo(s, within(1e-9 * Math.max(1, s)));
            double cp = chi.get("p_value").doubleValue();
            assertThat(c.pValue()).as(label).isCloseTo(cp, within(1e-9 * Math.max(cp, 1e-300) + 1e-300));
        }
    }
}
