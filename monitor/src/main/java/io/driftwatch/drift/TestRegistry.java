package io.driftwatch.drift;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The drift tests by name, and the automatic choice when a feature names none:
 * <ul>
 *   <li>categorical: {@code chisquare} (significance) and {@code jensenshannon} (effect size);</li>
 *   <li>numeric with at most {@value #DISCRETE_LIMIT} distinct reference values (counts, flags, ratings):
 *       the same as categorical, on the values;</li>
 *   <li>other numeric: {@code ks} (significance) and {@code psi} (effect size).</li>
 * </ul>
 * The window's size picks exact or sketch computation (see {@link DriftEngine}); every choice is
 * subject to the same false-discovery control and effect-size floor.
 */
public final class TestRegistry {
    /** Numeric reference columns with this many distinct values or fewer are tested as categories. */
    public static final int DISCRETE_LIMIT = 10;

    private final Map<String, DriftTest> tests = new LinkedHashMap<>();

    public TestRegistry(List<DriftTest> all) {
        all.forEach(t -> tests.put(t.name(), t));
    }

    public static TestRegistry standard() {
        return new TestRegistry(List.of(new KsTest(), new PsiTest(), new ChiSquareTest(), new JensenShannonTest(),
                new WassersteinTest()));
    }

    public Optional<DriftTest> byName(String name) {
        return Optional.ofNullable(tests.get(name));
    }

    public List<String> names() {
        return List.copyOf(tests.keySet());
    }

    /** The tests named, or the automatic choice for the type and the reference's values. */
    public List<DriftTest> choose(ColumnType type, List<String> named, ColumnReference reference) {
        if (!named.isEmpty()) {
            return named.stream().map(tests::get).toList();
        }
        boolean categorical = type == ColumnType.CATEGORICAL
                || Categories.distinct(reference.sample(), DISCRETE_LIMIT) <= DISCRETE_LIMIT;
        return categorical ? List.of(tests.get("chisquare"), tests.get("jensenshannon"))
                : List.of(tests.get("ks"), tests.get("psi"));
    }
}
