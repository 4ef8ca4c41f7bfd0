package io.driftwatch.config;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * A model's gate policy ({@code gate:}): how {@code /api/v1/gate/{model}} judges a candidate version
 * against a baseline. {@code window}: the traffic looked at (default: the model's window);
 * {@code minLabelled}: labelled records each version needs before quality is compared; {@code alpha} and
 * {@code tau}: the always-valid test's level and the difference it is tuned to; {@code minAgreement} and
 * {@code maxMeanAbsDiff}: shadow traffic limits; {@code expectedSplit}: each version's share of traffic
 * for the sample-ratio check (empty: not checked), refused below {@code srmAlpha}; {@code inconclusive}:
 * what an undecided gate answers (inconclusive, pass or fail); {@code outcome}: an input field holding
 * each request's outcome (0/1 or true/false: a proportion; other numbers: a mean) to compare instead of
 * the label, {@code higherIsBetter} saying which way is worse; {@code splitFrom}: the Istio VirtualService
 * or Argo Rollout whose weights give the expected split instead; {@code health}: which of the model's PromQL
 * rules judge the candidate, and the label that carries the version in the service's metrics.
 */
public record GateConfig(Optional<Duration> window, long minLabelled, double alpha, double tau, double minAgreement,
                         double maxMeanAbsDiff, Map<String, Double> expectedSplit, double srmAlpha, String inconclusive,
                         Optional<String> outcome, boolean higherIsBetter, Optional<SplitFrom> splitFrom,
                         HealthRules health) {
    public static final GateConfig DEFAULTS = new GateConfig(Optional.empty(), 200, 0.05, 0.02, 0.95, 0.05, Map.of(),
            0.001, "inconclusive", Optional.empty(), true, Optional.empty(), HealthRules.DEFAULTS);

    public GateConfig {
        expectedSplit = Map.copyOf(expectedSplit);
    }

    /**
     * Where the traffic split is read at each gate call: {@code kind} is {@code virtual_service} (the weights
     * of the destinations whose subset or host is {@code baseline} / {@code candidate}, by default the
     * versions' names) or {@code rollout} (the Rollout's current canary and stable weights).
     */
    public record SplitFrom(String kind, String namespace, String name, Optional<String> baseline,
                            Optional<String> candidate) {
    }

    /**
     * The PromQL rules that judge the candidate: names matching {@code rules} (globs; empty: none), each
     * query asked with {@code versionLabel="<candidate>"} added to every selector.
     */
    public record HealthRules(java.util.List<String> rules, String versionLabel) {
        public static final HealthRules DEFAULTS = new HealthRules(java.util.List.of("*"), "version");

        public HealthRules {
            rules = java.util.List.copyOf(rules);
        }
    }
}
