package io.driftwatch.drift;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * Sorts doubles by least-significant-digit radix sort on their IEEE-754 bits (16-bit digits, at most
 * four passes; a pass whose digit is the same for every value is skipped). Large arrays are counted and
 * scattered by several threads, each over its own slice, with per-slice bucket offsets so the sort stays
 * stable. NaN must already be removed; -0.0 sorts before 0.0, which compare equal for every statistic
 * computed here. Small arrays use {@link Arrays#sort(double[])}.
 */
public final class DoubleSort {
    private static final int RADIX_FROM = 4096;
    private static final int PARALLEL_SLICE = 1 << 18;
    private static final int BITS = 16;
    private static final int BUCKETS = 1 << BITS;
    private static final int MASK = BUCKETS - 1;

    private DoubleSort() {
    }

    public static void sort(double[] a) {
        if (a.length < RADIX_FROM) {
            Arrays.sort(a);
            return;
        }
        long[] keys = new long[a.length];
        for (int i = 0; i < a.length; i++) {
            keys[i] = key(a[i]);
        }
        sortKeys(keys, a);
    }

    /** The first {@code length} values without NaN, sorted, in a new array: one pass fewer than copy-then-sort. */
    public static double[] sortedWithoutNaN(double[] values, int length) {
        long[] keys = new long[length];
        int n = 0;
        for (int i = 0; i < length; i++) {
            double v = values[i];
            if (v == v) {
                keys[n++] = key(v);
            }
        }
        double[] out = new double[n];
        if (n < RADIX_FROM) {
            for (int i = 0; i < n; i++) {
                out[i] = value(keys[i]);
            }
            Arrays.sort(out);
            return out;
        }
        sortKeys(n == length ? keys : Arrays.copyOf(keys, n), out);
        return out;
    }

    /** Order-preserving map of a double's bits to unsigned long order. */
    private static long key(double v) {
        long bits = Double.doubleToRawLongBits(v);
        return bits ^ ((bits >> 63) | Long.MIN_VALUE);
    }

    private static double value(long k) {
        return Double.longBitsToDouble(k ^ ((~k >> 63) | Long.MIN_VALUE));
    }

    /** Sorts the keys and writes their values, in order, into {@code a}. */
    private static void sortKeys(long[] keys, double[] a) {
        int n = keys.length;
        int slices = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), n / PARALLEL_SLICE));
        long[] src = keys;
        long[] dst = new long[n];
        int[][] counts = new int[slices][BUCKETS];
        for (int shift = 0; shift < 64; shift += BITS) {
            if (pass(src, dst, counts, shift)) {
                long[] t = src;
                src = dst;
                dst = t;
            }
        }
        long[] sorted = src;
        forEachSlice(slices, n, (from, to) -> {
            for (int i = from; i < to; i++) {
                a[i] = value(sorted[i]);
            }
        });
    }

    /** One counting pass on a 16-bit digit; false (nothing moved) when every key has the same digit. */
    private static boolean pass(long[] src, long[] dst, int[][] counts, int shift) {
        int slices = counts.length;
        int n = src.length;
        forEachSlice(slices, n, (from, to) -> {
            int[] c = counts[from / sliceLength(n, slices)];
            Arrays.fill(c, 0);
            for (int i = from; i < to; i++) {
                c[(int) ((src[i] >>> shift) & MASK)]++;
            }
        });
        int digit = (int) ((src[0] >>> shift) & MASK);
        int same = 0;
        for (int[] c : counts) {
            same += c[digit];
        }
        if (same == n) {
            return false;
        }
        int sum = 0;
        for (int b = 0; b < BUCKETS; b++) {
            for (int[] c : counts) {
                int k = c[b];
                c[b] = sum;
                sum += k;
            }
        }
        forEachSlice(slices, n, (from, to) -> {
            int[] c = counts[from / sliceLength(n, slices)];
            for (int i = from; i < to; i++) {
                long k = src[i];
                dst[c[(int) ((k >>> shift) & MASK)]++] = k;
            }
        });
        return true;
    }

    private interface Range {
        void run(int from, int to);
    }

    private static int sliceLength(int n, int slices) {
        return (n + slices - 1) / slices;
    }

    private static void forEachSlice(int slices, int n, Range body) {
        int len = sliceLength(n, slices);
        if (slices == 1) {
            body.run(0, n);
            return;
        }
        IntStream.range(0, slices).parallel().forEach(s -> body.run(s * len, Math.min(n, (s + 1) * len)));
    }
}
