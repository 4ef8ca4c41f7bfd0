package io.driftwatch.drift;

/** Jensen-Shannon distance in base 2 (the square root of the divergence), as SciPy's jensenshannon. */
public final class JensenShannon {
    private JensenShannon() {
    }

    /** p and q need not be normalized; each is divided by its sum. */
    public static double distance(double[] p, double[] q) {
        double sp = sum(p);
        double sq = sum(q);
        double div = 0;
        for (int i = 0; i < p.length; i++) {
            double a = p[i] / sp;
            double b = q[i] / sq;
            double mid = (a + b) / 2;
            div += term(a, mid) + term(b, mid);
        }
        return Math.sqrt(Math.max(0, div / 2) / Math.log(2));
    }

    private static double term(double x, double m) {
        return x > 0 ? x * Math.log(x / m) : 0;
    }

    private static double sum(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s;
    }
}
