package io.driftwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.support.Console;
import io.driftwatch.support.Fixtures;
import io.driftwatch.util.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

class DriftCommandTest {
    @TempDir
    Path dir;

    private Path csv(String name, int rows, double shift, long seed) {
        Random rnd = new Random(seed);
        List<String> lines = new ArrayList<>(List.of("amount,segment,\"note, quoted\""));
        for (int i = 0; i < rows; i++) {
            String amount = i % 50 == 0 ? "" : i % 51 == 0 ? "NaN" : Double.toString(rnd.nextGaussian() + shift);
            lines.add(amount + "," + (rnd.nextDouble() < 0.5 + shift / 4 ? "retail" : "corp") + ",\"x, " + (i % 3) + "\"");
        }
        Path p = dir.resolve(name);
        Fixtures.writeLines(p, lines);
        return p;
    }

    @Test
    void jsonOutputFollowsTheContract() throws Exception {
        Path ref = csv("ref.csv", 2000, 0, 1);
        Path cur = csv("cur.csv", 1500, 0.5, 2);
        Console c = Console.run("drift", "--reference", ref.toString(), "--current", cur.toString(),
                "--tests", "ks,psi,chisquare", "--format", "json");
        assertThat(c.status()).isZero();
        JsonNode out = Json.MAPPER.readTree(c.out());
        JsonNode amount = out.get("columns").get(0);
        assertThat(amount.get("name").asString()).isEqualTo("amount");
        assertThat(amount.get("type").asString()).isEqualTo("numeric");
        assertThat(amount.get("n_reference").asLong() + amount.get("missing_reference").asLong()).isEqualTo(2000);
        assertThat(amount.get("missing_reference").asLong()).isEqualTo(40 + 39);
        assertThat(amount.get("tests")).extracting(t -> t.get("test").asString()).containsExactly("ks", "psi");
        JsonNode ks = amount.get("tests").get(0);
        assertThat(ks.get("p_value").isNumber()).isTrue();
        assertThat(ks.get("threshold").asDouble()).isEqualTo(0.05);
        assertThat(ks.get("drift").asBoolean()).isTrue();
        assertThat(amount.get("tests").get(1).get("p_value").isNull()).isTrue();
        JsonNode segment = out.get("columns").get(1);
        assertThat(segment.get("type").asString()).isEqualTo("categorical");
        assertThat(segment.get("tests")).extracting(t -> t.get("test").asString()).containsExactly("chisquare");
        assertThat(out.get("columns").get(2).get("name").asString()).isEqualTo("note, quoted");
        assertThat(out.get("drifted_columns").asInt()).isEqualTo(2);
        assertThat(out.get("drift").asBoolean()).isTrue();
    }

    @Test
    void allFiveTestsAreAvailableByName() throws Exception {
        Path ref = csv("ref.csv", 1000, 0, 7);
        Path cur = csv("cur.csv", 1000, 0.8, 8);
        Console c = Console.run("drift", "--reference", ref.toString(), "--current", cur.toString(), "--format", "json",
                "--tests", "ks,psi,chisquare,jensenshannon,wasserstein");
        JsonNode out = Json.MAPPER.readTree(c.out());
        JsonNode amount = out.get("columns").get(0);
        assertThat(amount.get("tests")).extracting(t -> t.get("test").asString())
                .containsExactly("ks", "psi", "jensenshannon", "wasserstein");
        JsonNode w = amount.get("tests").get(3);
        assertThat(w.get("statistic").asDouble()).isCloseTo(0.8, org.assertj.core.api.Assertions.within(0.15));
        assertThat(w.get("normalized_statistic").asDouble()).isGreaterThan(0.1);
        assertThat(out.get("columns").get(1).get("tests")).extracting(t -> t.get("test").asString())
                .containsExactly("chisquare", "jensenshannon");
        assertThat(out.get("mode").asString()).isEqualTo("exact");
    }

    @Test
    void noDriftIsStillExitZeroAndColumnsCanBeChosen() throws Exception {
        Path ref = csv("ref.csv", 1000, 0, 3);
        Path cur = csv("cur.csv", 1000, 0, 4);
        Console c = Console.run("drift", "--reference", ref.toString(), "--current", cur.toString(),
                "--columns", "amount", "--format", "json");
        assertThat(c.status()).isZero();
        JsonNode out = Json.MAPPER.readTree(c.out());
        assertThat(out.get("columns")).hasSize(1);
        assertThat(out.get("drift").asBoolean()).isFalse();
    }

    @Test
    void jsonLinesInputAndTableOutput() {
        Path ref = Fixtures.write(dir.resolve("r.jsonl"), "{\"a\": 1}\n{\"a\": 2}\n{\"a\": 3, \"b\": \"x\"}\n");
        Path cur = Fixtures.write(dir.resolve("c.jsonl"), "{\"a\": 1, \"b\": \"y\"}\n{\"a\": null}\n{\"a\": 3}\n");
        Console c = Console.run("drift", "--reference", ref.toString(), "--current", cur.toString());
        assertThat(c.status()).isZero();
        assertThat(c.out()).contains("column").contains("verdict: inconclusive").contains("a ");
    }

    @Test
    void badInputExitsTwoNamingFileAndLine() {
        Path ref = csv("ref.csv", 10, 0, 5);
        Path ragged = Fixtures.write(dir.resolve("bad.csv"), "amount,segment\n1,a\n2\n");
        Console c = Console.run("drift", "--reference", ref.toString(), "--current", ragged.toString());
        assertThat(c.status()).isEqualTo(2);
        assertThat(c.err()).contains(ragged + ":3: expected 2 fields as in the header, found 1");
        Path badJson = Fixtures.write(dir.resolve("bad.jsonl"), "{\"a\": 1}\n{\"a\": \n");
        assertThat(Console.run("drift", "--reference", badJson.toString(), "--current", badJson.toString()).err())
                .contains(badJson + ":2: malformed JSON");
        Console missing = Console.run("drift", "--reference", dir.resolve("none.csv").toString(), "--current", ref.toString());
        assertThat(missing.status()).isEqualTo(2);
        assertThat(missing.err()).contains("none.csv: no such file");
        Console unknownColumn = Console.run("drift", "--reference", ref.toString(), "--current", ref.toString(),
                "--columns", "nope");
        assertThat(unknownColumn.status()).isEqualTo(2);
        assertThat(Console.run("drift", "--reference", ref.toString(), "--current", ref.toString(), "--tests", "t").err())
                .contains("unknown test 't'");
    }
}
