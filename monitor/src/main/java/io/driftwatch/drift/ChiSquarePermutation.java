package io.driftwatch.drift;

import java.util.SplittableRandom;

/**
 * A Monte Carlo permutation p-value for Pearson's chi-square on a 2×K table, for small windows whose
 * expected counts are too low for the chi-square distribution: under no drift the current window is a
 * random draw, without replacement, from the pooled counts (a multivariate hypergeometric draw), so the
 * statistic of {@link #PERMUTATIONS} such draws gives p = (1 + #{statistic ≥ observed}) / (1 + draws), a
 * valid p-value whatever the counts. Seeded by the table, so the same table gives the same p-value.
 */
final class ChiSquarePermutation {
    static final int PERMUTATIONS = 9_999;

    private ChiSquarePermutation() {
    }

    /** {@code reference[j]}, {@code current[j]}: the counts of category j. */
    static double pValue(long[] reference, long[] current) {
        int k = reference.length;
        long[] pooled = new long[k];
        long nRef = 0;
        long nCur = 0;
        for (int j = 0; j < k; j++) {
            pooled[j] = reference[j] + current[j];
            nRef += reference[j];
            nCur += current[j];
        }
        double observed = statistic(reference, current, pooled, nRef, nCur);
        SplittableRandom random = new SplittableRandom(java.util.Arrays.hashCode(reference) * 31L
                + java.util.Arrays.hashCode(current));
        long[] drawn = new long[k];
        long[] left = new long[k];
        long[] rest = new long[k];
        int atLeast = 0;
        for (int b = 0; b < PERMUTATIONS; b++) {
            System.arraycopy(pooled, 0, left, 0, k);
            java.util.Arrays.fill(drawn, 0);
            long remaining = nRef + nCur;
            for (long i = 0; i < nCur; i++) {
                long u = random.nextLong(remaining);
                int j = 0;
                while (u >= left[j]) {
                    u -= left[j];
                    j++;
                }
                left[j]--;
                drawn[j]++;
                remaining--;
            }
            for (int j = 0; j < k; j++) {
                rest[j] = pooled[j] - drawn[j];
            }
            if (statistic(rest, drawn, pooled, nRef, nCur) >= observed - 1e-9 * Math.max(1, observed)) {
                atLeast++;
            }
        }
        return (1.0 + atLeast) / (1.0 + PERMUTATIONS);
    }

    private static double statistic(long[] ref, long[] cur, long[] pooled, long nRef, long nCur) {
        double total = nRef + nCur;
        double stat = 0;
        for (int j = 0; j < pooled.length; j++) {
            if (pooled[j] == 0) {
                continue;
            }
            double er = nRef * pooled[j] / total;
            double ec = nCur * pooled[j] / total;
            stat += (ref[j] - er) * (ref[j] - er) / er + (cur[j] - ec) * (cur[j] - ec) / ec;
        }
        return stat;
    }
}
