package io.driftwatch.drift;

import io.driftwatch.config.DriftPolicyConfig;
import java.util.Map;
import java.util.TreeSet;

/**
 * The effect-size floor: a significant difference only counts as drift when it is also large enough to
 * matter. Numeric: KS D or PSI at or above its floor. Categorical: Jensen-Shannon distance at or above
 * its floor.
 */
final class EffectSize {
    private EffectSize() {
    }

    static boolean passesFloor(ColumnReference ref, Sample cur, DriftPolicyConfig policy) {
        if (ref instanceof ColumnReference.Numeric num) {
            double[] r = num.sample().sorted();
            double[] c = ((Sample.Numeric) cur).sorted();
            double d = (double) KolmogorovSmirnov.maxScaledGap(r, c) / ((double) r.length * c.length);
            return d >= policy.ksFloor() || Psi.index(num.shares(), Psi.shares(c, num.edges())) >= policy.psiFloor();
        }
        Map<String, Long> r = ((ColumnReference.Categorical) ref).sample().counts();
        Map<String, Long> c = ((Sample.Categorical) cur).counts();
        return categoricalDistance(r, c) >= policy.jsFloor();
    }

    static double categoricalDistance(Map<String, Long> ref, Map<String, Long> cur) {
        TreeSet<String> all = new TreeSet<>(ref.keySet());
        all.addAll(cur.keySet());
        double[] p = new double[all.size()];
        double[] q = new double[all.size()];
        int i = 0;
        for (String k : all) {
            p[i] = ref.getOrDefault(k, 0L);
            q[i++] = cur.getOrDefault(k, 0L);
        }
        return JensenShannon.distance(p, q);
    }
}
