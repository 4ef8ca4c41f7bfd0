package io.driftwatch.drift;

import io.driftwatch.config.FeatureType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The drift tests by name, and the choice made when a feature names none: KS and PSI for numeric
 * features, chi-square for categorical ones.
 */
public final class TestRegistry {
    private final Map<String, DriftTest> tests = new LinkedHashMap<>();

    public TestRegistry(List<DriftTest> all) {
        all.forEach(t -> tests.put(t.name(), t));
    }

    public static TestRegistry standard() {
        return new TestRegistry(List.of(new KsTest(), new PsiTest(), new ChiSquareTest()));
    }

    public Optional<DriftTest> byName(String name) {
        return Optional.ofNullable(tests.get(name));
    }

    public List<String> names() {
        return List.copyOf(tests.keySet());
    }

    /** The tests named, or the defaults for the type when none is named. */
    public List<DriftTest> choose(FeatureType type, List<String> named) {
        if (!named.isEmpty()) {
            return named.stream().map(tests::get).toList();
        }
        return type == FeatureType.NUMERIC ? List.of(tests.get("ks"), tests.get("psi")) : List.of(tests.get("chisquare"));
    }
}
