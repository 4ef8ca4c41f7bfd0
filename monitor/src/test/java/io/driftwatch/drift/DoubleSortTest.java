package io.driftwatch.drift;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DoubleSortTest {

    @Test
    void sortsLikeArraysSortAcrossSignsMagnitudesAndTies() {
        Random rnd = new Random(9);
        double[] a = new double[50_000];
        for (int i = 0; i < a.length; i++) {
            a[i] = switch (i % 6) {
                case 0 -> rnd.nextGaussian();
                case 1 -> -Math.exp(30 * rnd.nextGaussian());
                case 2 -> rnd.nextInt(5);
                case 3 -> Double.POSITIVE_INFINITY;
                case 4 -> -Double.MIN_VALUE * rnd.nextInt(3);
                default -> Double.MAX_VALUE * rnd.nextDouble() * (rnd.nextBoolean() ? 1 : -1);
            };
        }
        a[7] = Double.NEGATIVE_INFINITY;
        double[] expected = a.clone();
        Arrays.sort(expected);
        DoubleSort.sort(a);
        for (int i = 0; i < a.length; i++) {
            assertThat(a[i]).as("index " + i).isEqualTo(expected[i] == 0 ? a[i] : expected[i]);
            if (expected[i] == 0) {
                assertThat(a[i]).isZero();
            }
        }
    }

    @Test
    void largeArraysSortedBySeveralThreadsMatchArraysSort() {
        Random rnd = new Random(10);
        double[] a = new double[1_100_003];
        for (int i = 0; i < a.length; i++) {
            a[i] = i % 3 == 0 ? rnd.nextInt(100) : rnd.nextGaussian() * 1e3;
        }
        double[] expected = a.clone();
        Arrays.sort(expected);
        DoubleSort.sort(a);
        assertThat(Arrays.equals(a, expected)).as("same order as Arrays.sort").isTrue();
    }

    @Test
    void sortedWithoutNaNDropsMissingValuesAtAnySize() {
        for (int n : new int[] {10, 5000, 700_000}) {
            Random rnd = new Random(n);
            double[] raw = new double[n + 7];
            for (int i = 0; i < raw.length; i++) {
                raw[i] = i % 10 == 0 ? Double.NaN : rnd.nextGaussian();
            }
            double[] expected = Arrays.stream(raw, 0, n).filter(v -> !Double.isNaN(v)).sorted().toArray();
            assertThat(Arrays.equals(DoubleSort.sortedWithoutNaN(raw, n), expected)).as("n=" + n).isTrue();
        }
    }

    @Test
    void constantAndSmallArrays() {
        double[] same = new double[10_000];
        Arrays.fill(same, 3.25);
        DoubleSort.sort(same);
        assertThat(same).containsOnly(3.25);
        double[] small = {3, -1, 2};
        DoubleSort.sort(small);
        assertThat(small).containsExactly(-1, 2, 3);
    }
}
