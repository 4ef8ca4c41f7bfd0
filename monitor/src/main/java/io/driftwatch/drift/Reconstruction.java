package io.driftwatch.drift;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * Multivariate drift by data reconstruction, as NannyML describes it: the reference's numeric features
 * standardized (population standard deviation, as scikit-learn's StandardScaler; missing values at the mean) and its most frequent categories one-hot encoded, a PCA fitted
 * on them keeping the components that explain {@code variance} of the total, and each row's
 * reconstruction error (the Euclidean distance between a row and its projection back from the
 * components). A window's mean error is compared with the reference rows' mean error μ and spread σ: its
 * z = (error − μ) / (σ / √n). A change in how features move together (a correlation that flips) moves the
 * rows off the reference's principal plane, which no test of one feature at a time can see.
 */
public final class Reconstruction {
    /** The rows to encode: numeric columns (NaN when missing) and categorical ones (null when missing). */
    public record Data(Map<String, double[]> numeric, Map<String, String[]> categorical, int rows) {
    }

    /** A window's reconstruction error against the reference's. */
    public record Score(double error, double referenceError, double referenceSd, double z, int rows, int components,
                        double explained) {
        public Map<String, Double> metrics() {
            Map<String, Double> out = new LinkedHashMap<>();
            out.put("reconstruction_error", error);
            out.put("reference_error", referenceError);
            out.put("z", z);
            out.put("components", (double) components);
            return out;
        }
    }

    private final List<String> numeric;
    private final double[] mean;
    private final double[] sd;
    private final Map<String, List<String>> categories;
    private final RealMatrix components;
    private final double[] centre;
    private final double explained;
    private final double referenceError;
    private final double referenceSd;

    private Reconstruction(List<String> numeric, double[] mean, double[] sd, Map<String, List<String>> categories,
                           RealMatrix components, double[] centre, double explained, double[] referenceErrors) {
        this.centre = centre;
        this.numeric = numeric;
        this.mean = mean;
        this.sd = sd;
        this.categories = categories;
        this.components = components;
        this.explained = explained;
        this.referenceError = Arrays.stream(referenceErrors).average().orElse(0);
        double ss = Arrays.stream(referenceErrors).map(e -> (e - referenceError) * (e - referenceError)).sum();
        this.referenceSd = Math.sqrt(ss / Math.max(1, referenceErrors.length - 1));
    }

    /**
     * Fits on the reference; null when there is not enough to fit (fewer than two encoded columns, or
     * fewer rows than twice the columns).
     */
    public static Reconstruction fit(Data reference, double variance, int topCategories) {
        List<String> numeric = new ArrayList<>(reference.numeric().keySet());
        double[] mean = new double[numeric.size()];
        double[] sd = new double[numeric.size()];
        for (int j = 0; j < numeric.size(); j++) {
            double[] v = Arrays.stream(reference.numeric().get(numeric.get(j))).filter(Double::isFinite).toArray();
            mean[j] = Arrays.stream(v).average().orElse(0);
            double m = mean[j];
            double s = Math.sqrt(Arrays.stream(v).map(x -> (x - m) * (x - m)).sum() / Math.max(1, v.length));
            sd[j] = s > 0 ? s : 1;
        }
        Map<String, List<String>> categories = new LinkedHashMap<>();
        reference.categorical().forEach((name, values) -> categories.put(name, top(values, topCategories)));
        Reconstruction shape = new Reconstruction(numeric, mean, sd, categories, null, null, 0, new double[0]);
        double[][] x = shape.encode(reference);
        int d = x.length == 0 ? 0 : x[0].length;
        if (d < 2 || x.length < 2 * d) {
            return null;
        }
        double[] centre = new double[d];
        for (double[] row : x) {
            for (int j = 0; j < d; j++) {
                centre[j] += row[j] / x.length;
            }
        }
        double[][] cov = new double[d][d];
        for (double[] row : x) {
            for (int a = 0; a < d; a++) {
                double da = row[a] - centre[a];
                for (int b = a; b < d; b++) {
                    cov[a][b] += da * (row[b] - centre[b]) / (x.length - 1);
                }
            }
        }
        for (int a = 0; a < d; a++) {
            for (int b = 0; b < a; b++) {
                cov[a][b] = cov[b][a];
            }
        }
        EigenDecomposition eigen = new EigenDecomposition(new Array2DRowRealMatrix(cov, false));
        double[] values = eigen.getRealEigenvalues();
        Integer[] order = new Integer[d];
        for (int i = 0; i < d; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> -values[i]));
        double total = Arrays.stream(values).map(v -> Math.max(v, 0)).sum();
        int k = 0;
        double kept = 0;
        while (k < d - 1 && (total == 0 || kept / total < variance)) {
            kept += Math.max(values[order[k]], 0);
            k++;
        }
        RealMatrix v = new Array2DRowRealMatrix(d, k);
        for (int c = 0; c < k; c++) {
            v.setColumnVector(c, eigen.getEigenvector(order[c]));
        }
        Reconstruction fitted = new Reconstruction(numeric, mean, sd, categories, v, centre,
                total == 0 ? 1 : kept / total, new double[0]);
        return new Reconstruction(numeric, mean, sd, categories, v, centre, fitted.explained, fitted.errors(x));
    }

    /** The window's mean reconstruction error and its z against the reference; null for an empty window. */
    public Score score(Data window) {
        double[][] x = encode(window);
        if (x.length == 0) {
            return null;
        }
        double error = Arrays.stream(errors(x)).average().orElse(0);
        double se = referenceSd / Math.sqrt(x.length);
        double z = se > 0 ? (error - referenceError) / se : 0;
        return new Score(error, referenceError, referenceSd, z, x.length, components.getColumnDimension(), explained);
    }

    private double[] errors(double[][] x) {
        double[] out = new double[x.length];
        int k = components.getColumnDimension();
        int d = components.getRowDimension();
        double[][] v = components.getData();
        double[] row = new double[d];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < d; j++) {
                row[j] = x[i][j] - centre[j];
            }
            double[] p = new double[k];
            for (int c = 0; c < k; c++) {
                for (int j = 0; j < d; j++) {
                    p[c] += row[j] * v[j][c];
                }
            }
            double sum = 0;
            for (int j = 0; j < d; j++) {
                double back = 0;
                for (int c = 0; c < k; c++) {
                    back += p[c] * v[j][c];
                }
                sum += (row[j] - back) * (row[j] - back);
            }
            out[i] = Math.sqrt(sum);
        }
        return out;
    }

    /** Standardized numbers (a missing one at the mean: 0) and one-hot top categories, one row per record. */
    private double[][] encode(Data data) {
        int d = numeric.size() + categories.values().stream().mapToInt(List::size).sum();
        double[][] x = new double[data.rows()][d];
        for (int j = 0; j < numeric.size(); j++) {
            double[] col = data.numeric().get(numeric.get(j));
            for (int i = 0; i < data.rows(); i++) {
                double v = col == null ? Double.NaN : col[i];
                x[i][j] = Double.isFinite(v) ? (v - mean[j]) / sd[j] : 0;
            }
        }
        int at = numeric.size();
        for (Map.Entry<String, List<String>> e : categories.entrySet()) {
            String[] col = data.categorical().get(e.getKey());
            for (int i = 0; col != null && i < data.rows(); i++) {
                int c = col[i] == null ? -1 : e.getValue().indexOf(col[i]);
                if (c >= 0) {
                    x[i][at + c] = 1;
                }
            }
            at += e.getValue().size();
        }
        return x;
    }

    private static List<String> top(String[] values, int n) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String v : values) {
            if (v != null) {
                counts.merge(v, 1L, Long::sum);
            }
        }
        return counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()
                .thenComparing(Map.Entry.comparingByKey())).limit(n).map(Map.Entry::getKey).toList();
    }
}
