package io.driftwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.support.Console;
import io.driftwatch.support.Fixtures;
import io.driftwatch.util.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * A category's text is its text: codes with leading zeros stay {@code 007} wherever they stand in the
 * file (not {@code 7} before the column turns to text and {@code 007} after), CSV and JSON lines name them
 * alike, and booleans read the same from pandas' CSV ({@code True}) and JSON ({@code true}).
 */
class CategoryTextTest {
    private static final String[] CODES = {"001", "002", "007", "010", "099", "A1", "B2", "C3", "D4", "E5"};

    @TempDir
    Path dir;

    private static List<String> codes(int n, long seed) {
        Random r = new Random(seed);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            // number-like codes first, then mostly text codes: the reader turns the column to text part-way
            out.add(i < 1000 || r.nextDouble() < 0.2 ? CODES[r.nextInt(5)] : CODES[5 + r.nextInt(5)]);
        }
        return out;
    }

    private Path csv(String name, List<String> cells, UnaryOperator<String> spell) {
        List<String> lines = new ArrayList<>(List.of("code"));
        cells.forEach(c -> lines.add(spell.apply(c)));
        Path p = dir.resolve(name);
        Fixtures.writeLines(p, lines);
        return p;
    }

    private Path jsonl(String name, List<String> cells) {
        Path p = dir.resolve(name);
        Fixtures.writeLines(p, cells.stream().map(c -> Json.write(java.util.Map.of("code", c))).toList());
        return p;
    }

    private static JsonNode drift(Path ref, Path cur, String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of("drift", "--reference", ref.toString(), "--current", cur.toString(),
                "--format", "json"));
        args.addAll(List.of(more));
        Console c = Console.run(args.toArray(String[]::new));
        assertThat(c.status()).as(c.err()).isIn(0, 1);
        return Json.MAPPER.readTree(c.out());
    }

    private static double chiSquareP(JsonNode report) {
        for (JsonNode t : report.get("columns").get(0).get("tests")) {
            if (t.get("test").asString().equals("chisquare")) {
                return t.get("p_value").asDouble();
            }
        }
        throw new AssertionError("no chi-square in " + report);
    }

    @Test
    void codesKeepTheirTextWhereverTheyStand() throws Exception {
        List<String> ref = codes(5000, 1);
        List<String> cur = codes(1500, 2);
        JsonNode asCodes = drift(csv("ref.csv", ref, c -> c), csv("cur.csv", cur, c -> c), "--types", "code=categorical");
        JsonNode asWords = drift(csv("ref-w.csv", ref, c -> "c" + c), csv("cur-w.csv", cur, c -> "c" + c),
                "--types", "code=categorical");
        assertThat(chiSquareP(asCodes)).as("the same categories as plain words give").isEqualTo(chiSquareP(asWords));
        assertThat(asCodes.get("data_quality").get("features").get("code").get("new_category_share").asDouble()).isZero();

        JsonNode fromJson = drift(csv("ref.csv", ref, c -> c), jsonl("cur.jsonl", cur), "--types", "code=categorical");
        assertThat(chiSquareP(fromJson)).as("a CSV reference and JSON lines name 007 alike").isEqualTo(chiSquareP(asWords));
    }

    @Test
    void pandasBooleansMeetJsonBooleans() throws Exception {
        Random r = new Random(3);
        List<String> ref = new ArrayList<>(List.of("flag"));
        List<String> cur = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            ref.add(r.nextBoolean() ? "True" : "False");
            cur.add("{\"flag\": " + r.nextBoolean() + "}");
        }
        Fixtures.writeLines(dir.resolve("ref.csv"), ref);
        Fixtures.writeLines(dir.resolve("cur.jsonl"), cur);
        JsonNode report = drift(dir.resolve("ref.csv"), dir.resolve("cur.jsonl"));
        assertThat(report.get("data_quality").get("features").get("flag").get("new_category_share").asDouble()).isZero();
        assertThat(report.get("verdict").asString()).isEqualTo("ok");
    }

    @Test
    void aHeaderNamingAColumnTwiceIsRefusedInSketchModeToo() {
        Path ref = dir.resolve("dup.csv");
        List<String> lines = new ArrayList<>(List.of("v,v"));
        for (int i = 0; i < 500; i++) {
            lines.add(i + "," + (i * 2));
        }
        Fixtures.writeLines(ref, lines);
        for (String mode : new String[] {"on", "off"}) {
            Console c = Console.run("drift", "--reference", ref.toString(), "--current", ref.toString(), "--sketch", mode);
            assertThat(c.status()).as(mode).isEqualTo(2);
            assertThat(c.err()).as(mode).contains("dup.csv:1").contains("'v' appears twice in the header");
        }
    }
}
