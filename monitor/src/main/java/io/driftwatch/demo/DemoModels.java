package io.driftwatch.demo;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Two synthetic models that log like real model servers: {@code credit-risk} (mostly numeric features,
 * a numeric score) and {@code churn} (mostly categorical features, a yes/no label). With
 * {@code drifted} set, each model's inputs shift the way production data drifts.
 */
final class DemoModels {
    private static final String[] EMPLOYMENT = {"salaried", "self-employed", "contractor", "retired"};
    private static final String[] PLANS = {"basic", "standard", "premium", "family"};
    private static final String[] REGIONS = {"north", "south", "east", "west"};
    private static final String[] DEVICES = {"ios", "android", "web"};

    private DemoModels() {
    }

    static Map<String, Object> creditRisk(SplittableRandom rnd, Instant at, boolean drifted, long id) {
        Map<String, Object> in = new LinkedHashMap<>();
        double income = Math.exp(10.8 + 0.45 * gaussian(rnd) + (drifted ? 0.35 : 0));
        in.put("income", round(income));
        in.put("age", (double) (int) Math.max(18, 41 + 12 * gaussian(rnd)));
        in.put("debt_ratio", round(Math.min(1.5, Math.max(0, 0.32 + 0.12 * gaussian(rnd) + (drifted ? 0.15 : 0)))));
        in.put("credit_score", (double) (int) Math.min(850, Math.max(300, 690 + 60 * gaussian(rnd))));
        in.put("employment", pick(rnd, EMPLOYMENT, new double[] {0.62, 0.18, 0.14, 0.06}));
        double score = 1 / (1 + Math.exp(-(-2 + 4 * (Double) in.get("debt_ratio") - ((Double) in.get("credit_score") - 690) / 80)));
        Map<String, Object> r = record(at, "credit-risk", "3", in, round(score), id);
        r.put("label", rnd.nextDouble() < score ? 1 : 0); // ground truth, as it arrives for part of the traffic
        return r;
    }

    static Map<String, Object> churn(SplittableRandom rnd, Instant at, boolean drifted, long id) {
        Map<String, Object> in = new LinkedHashMap<>();
        in.put("plan", pick(rnd, PLANS, drifted ? new double[] {0.55, 0.25, 0.1, 0.1} : new double[] {0.3, 0.4, 0.2, 0.1}));
        in.put("region", pick(rnd, REGIONS, new double[] {0.25, 0.25, 0.3, 0.2}));
        in.put("device", pick(rnd, DEVICES, drifted ? new double[] {0.2, 0.3, 0.5} : new double[] {0.45, 0.4, 0.15}));
        in.put("tenure_months", (double) (int) Math.max(0, 24 + 14 * gaussian(rnd)));
        boolean churns = rnd.nextDouble() < ("basic".equals(in.get("plan")) ? 0.3 : 0.12);
        Map<String, Object> r = record(at, "churn", "12", in, churns ? "yes" : "no", id);
        if (id % 3 == 0) {
            r.put("label", rnd.nextDouble() < 0.8 == churns ? "yes" : "no");
        }
        return r;
    }

    private static Map<String, Object> record(Instant at, String model, String version, Map<String, Object> input,
                                              Object prediction, long id) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("@timestamp", at.toString());
        r.put("model", model);
        r.put("model_version", version);
        r.put("input", input);
        r.put("prediction", prediction);
        r.put("latency_ms", 5 + (id % 17));
        r.put("request_id", model + "-" + id);
        return r;
    }

    private static String pick(SplittableRandom rnd, String[] values, double[] weights) {
        double u = rnd.nextDouble();
        for (int i = 0; i < values.length; i++) {
            u -= weights[i];
            if (u < 0) {
                return values[i];
            }
        }
        return values[values.length - 1];
    }

    private static double gaussian(SplittableRandom rnd) {
        double u = 1 - rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rnd.nextDouble());
    }

    private static double round(double v) {
        return Math.round(v * 1e4) / 1e4;
    }
}
