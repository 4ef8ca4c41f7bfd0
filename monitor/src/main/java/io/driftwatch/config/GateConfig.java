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
 * the label, {@code higherIsBetter} saying which way is worse.
 */
public record GateConfig(Optional<Duration> window, long minLabelled, double alpha, double tau, double minAgreement,
                         double maxMeanAbsDiff, Map<String, Double> expectedSplit, double srmAlpha, String inconclusive,
                         Optional<String> outcome, boolean higherIsBetter) {
    public static final GateConfig DEFAULTS = new GateConfig(Optional.empty(), 200, 0.05, 0.02, 0.95, 0.05, Map.of(),
            0.001, "inconclusive", Optional.empty(), true);

    public GateConfig {
        expectedSplit = Map.copyOf(expectedSplit);
    }
}
