package io.driftwatch.source.kubernetes;

/**
 * The pods an Argo Rollout's basic canary (no traffic router) runs at a step, as the Argo Rollouts
 * controller sizes them: of the counts that keep spec.replicas (or one more, when maxSurge allows a
 * surge), the canary count whose share of pods is closest to setWeight; between weights 1 and 99 neither
 * side gets 0 pods unless a single replica cannot surge. Without a router, traffic follows the pods, so
 * this share, not setWeight, is the split the canary sees (4 replicas at setWeight 10: 1 canary and 4
 * stable pods, 20 %).
 */
public record BasicCanary(int canary, int stable) {

    /** The pods at {@code weight} percent for {@code replicas} replicas and a surge of {@code maxSurge} pods. */
    public static BasicCanary of(int replicas, int weight, int maxSurge) {
        if (replicas == 0) {
            return new BasicCanary(0, 0);
        }
        int ceil = (int) Math.ceil(replicas * weight / 100.0);
        int floor = (int) Math.floor(replicas * weight / 100.0);
        boolean zeroAllowed = weight == 0 || weight == 100 || (replicas == 1 && maxSurge == 0);
        boolean floorAllowed = floor != 0 || zeroAllowed;
        java.util.List<int[]> options = new java.util.ArrayList<>(); // {canary, total}, in order of preference on a tie
        if (ceil < replicas || zeroAllowed) {
            options.add(new int[] {ceil, replicas});
        }
        if (!halfway(weight, replicas) && floorAllowed) {
            options.add(new int[] {floor, replicas});
        }
        if (maxSurge > 0) {
            options.add(new int[] {ceil, replicas + 1});
            if (!halfway(weight, replicas + 1) && floorAllowed) {
                options.add(new int[] {floor, replicas + 1});
            }
        }
        int[] best = options.isEmpty() ? new int[] {0, replicas} : options.get(0);
        for (int[] o : options) {
            if (delta(weight, o) < delta(weight, best)) {
                best = o;
            }
        }
        return new BasicCanary(best[0], best[1] - best[0]);
    }

    /** Whether rounding down and up are equally far from the weight (then the larger canary is kept). */
    private static boolean halfway(int weight, int total) {
        double exact = total * (weight / 100.0);
        return exact - Math.floor(exact) == 0.5;
    }

    private static double delta(int weight, int[] option) {
        return Math.abs(option[0] * 100.0 / option[1] - weight);
    }

    /**
     * A surge or unavailability bound (an int, or a percentage of replicas: surge rounded up, unavailability
     * down), as Kubernetes scales an IntOrString.
     */
    public static int scaled(Object value, int replicas, boolean roundUp) {
        if (value instanceof Number n) {
            return n.intValue();
        }
        String s = String.valueOf(value).strip();
        if (!s.endsWith("%")) {
            return Integer.parseInt(s);
        }
        double v = Double.parseDouble(s.substring(0, s.length() - 1)) * replicas / 100.0;
        return (int) (roundUp ? Math.ceil(v) : Math.floor(v));
    }
}
