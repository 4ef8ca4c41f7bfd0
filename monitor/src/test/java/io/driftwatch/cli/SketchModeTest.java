package io.driftwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.driftwatch.support.Console;
import io.driftwatch.support.Fixtures;
import io.driftwatch.util.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** Sketch mode agrees with exact mode within the sketches' error, and says it is approximate. */
class SketchModeTest {
    @TempDir
    static Path dir;
    private static JsonNode exact;
    private static JsonNode sketch;

    private static Path csv(String name, int rows, double shift, long seed) {
        Random rnd = new Random(seed);
        List<String> lines = new ArrayList<>(List.of("steady,shifted,plan"));
        for (int i = 0; i < rows; i++) {
            String steady = i % 1000 == 0 ? "" : String.format("%.5f", rnd.nextGaussian());
            String plan = rnd.nextDouble() < 0.6 + shift ? "basic" : (rnd.nextBoolean() ? "pro" : "team");
            lines.add(steady + "," + String.format("%.5f", rnd.nextGaussian() + 3 * shift) + "," + plan);
        }
        Path p = dir.resolve(name);
        Fixtures.writeLines(p, lines);
        return p;
    }

    @BeforeAll
    static void runBothModes() throws Exception {
        Path ref = csv("ref.csv", 150_000, 0, 1);
        Path cur = csv("cur.csv", 120_000, 0.1, 2);
        String[] args = {"drift", "--reference", ref.toString(), "--current", cur.toString(), "--format", "json",
                "--tests", "ks,psi,chisquare,jensenshannon,wasserstein"};
        exact = Json.MAPPER.readTree(Console.run(concat(args, "--sketch", "off")).out());
        sketch = Json.MAPPER.readTree(Console.run(concat(args, "--sketch", "on")).out());
    }

    private static String[] concat(String[] a, String... b) {
        List<String> all = new ArrayList<>(List.of(a));
        all.addAll(List.of(b));
        return all.toArray(String[]::new);
    }

    private static JsonNode test(JsonNode report, int column, String name) {
        for (JsonNode t : report.get("columns").get(column).get("tests")) {
            if (t.get("test").asString().equals(name)) {
                return t;
            }
        }
        throw new AssertionError(name);
    }

    @Test
    void modesAreReportedAndVerdictsAgree() {
        assertThat(exact.get("mode").asString()).isEqualTo("exact");
        assertThat(sketch.get("mode").asString()).isEqualTo("sketch");
        for (int c = 0; c < 3; c++) {
            assertThat(sketch.get("columns").get(c).get("drift").asBoolean()).as("column " + c)
                    .isEqualTo(exact.get("columns").get(c).get("drift").asBoolean());
        }
        assertThat(exact.get("columns").get(1).get("drift").asBoolean()).isTrue();
        assertThat(exact.get("columns").get(0).get("drift").asBoolean()).isFalse();
    }

    @Test
    void numericStatisticsAreWithinTheSketchError() {
        for (int c = 0; c < 2; c++) {
            JsonNode ks = test(sketch, c, "ks");
            assertThat(ks.get("statistic").asDouble()).isCloseTo(test(exact, c, "ks").get("statistic").asDouble(), within(0.01));
            assertThat(ks.get("note").asString()).startsWith("approximate: KLL sketches (k=1024)");
            assertThat(test(sketch, c, "psi").get("statistic").asDouble())
                    .isCloseTo(test(exact, c, "psi").get("statistic").asDouble(), within(0.01));
            assertThat(test(sketch, c, "wasserstein").get("statistic").asDouble())
                    .isCloseTo(test(exact, c, "wasserstein").get("statistic").asDouble(), within(0.01));
        }
        JsonNode steady = sketch.get("columns").get(0);
        assertThat(steady.get("missing_reference").asLong()).isEqualTo(150);
        assertThat(steady.get("n_reference").asLong()).isEqualTo(150_000 - 150);
    }

    @Test
    void categoricalCountsAreExactWhileCategoriesFitTheSketch() {
        assertThat(test(sketch, 2, "chisquare").get("statistic").asDouble())
                .isCloseTo(test(exact, 2, "chisquare").get("statistic").asDouble(), within(1e-6));
    }
}
