package io.driftwatch.drift;

import java.util.Arrays;
import java.util.Comparator;

/** Benjamini-Hochberg adjusted p-values: controls the false-discovery rate across a model's tests. */
public final class BenjaminiHochberg {
    private BenjaminiHochberg() {
    }

    /** Adjusted p-values in the order given: min over j ≥ rank of p_(j)·m/j, capped at 1. */
    public static double[] adjust(double[] p) {
        int m = p.length;
        Integer[] order = new Integer[m];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparingDouble(i -> p[i]));
        double[] out = new double[m];
        double running = 1.0;
        for (int rank = m; rank >= 1; rank--) {
            int i = order[rank - 1];
            running = Math.min(running, p[i] * m / rank);
            out[i] = running;
        }
        return out;
    }
}
