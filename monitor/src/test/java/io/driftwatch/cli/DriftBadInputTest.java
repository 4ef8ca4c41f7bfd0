package io.driftwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.support.Console;
import io.driftwatch.support.Fixtures;
import io.driftwatch.util.Json;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** {@code driftwatch drift} on files a user really has: odd tokens, the daemon's log shape, a BOM, gzip. */
class DriftBadInputTest {
    @TempDir
    Path dir;

    /** 500 values of N(shift, 1) under header x, with {@code token} as the 41st value (line 42). */
    private Path numbers(String name, double shift, long seed, String token) {
        Random rnd = new Random(seed);
        List<String> lines = new ArrayList<>(List.of("x"));
        for (int i = 0; i < 500; i++) {
            lines.add(i == 40 && token != null ? token : Double.toString(rnd.nextGaussian() + shift));
        }
        Path p = dir.resolve(name);
        Fixtures.writeLines(p, lines);
        return p;
    }

    private static JsonNode json(Console c) {
        assertThat(c.status()).as(c.err()).isZero();
        return Json.MAPPER.readTree(c.out());
    }

    @ParameterizedTest
    @ValueSource(strings = {"n/a", "NA", "N/A", "null", "None", "nan", "NaN"})
    void missingSpellingsAreMissingAndTheColumnStaysNumeric(String token) {
        Path ref = numbers("ref.csv", 0, 1, null);
        Path cur = numbers("cur.csv", 0.7, 2, token);
        JsonNode x = json(Console.run("drift", "--reference", ref.toString(), "--current", cur.toString(),
                "--format", "json")).get("columns").get(0);
        assertThat(x.get("type").asString()).isEqualTo("numeric");
        assertThat(x.get("missing_current").asLong()).isEqualTo(1);
        assertThat(x.get("unparsable_current").asLong()).isZero();
        assertThat(x.get("status").asString()).isEqualTo("drift");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0x1A", "1.5d", "oops", "1e400", "true"})
    void anOddTokenIsCountedAndNamedButTheKsDriftStands(String token) {
        Path ref = numbers("ref.csv", 0, 1, null);
        Path cur = numbers("cur.csv", 0.7, 2, token);
        Console c = Console.run("drift", "--reference", ref.toString(), "--current", cur.toString(),
                "--tests", "ks,psi", "--format", "json");
        JsonNode out = json(c);
        JsonNode x = out.get("columns").get(0);
        assertThat(x.get("type").asString()).isEqualTo("numeric");
        assertThat(x.get("unparsable_current").asLong()).isEqualTo(1);
        assertThat(x.get("missing_current").asLong()).isZero();
        assertThat(x.get("n_current").asLong()).isEqualTo(499);
        assertThat(x.get("tests").get(0).get("p_value").asDouble()).isLessThan(1e-6);
        assertThat(out.get("verdict").asString()).isEqualTo("drift");
        assertThat(c.err()).contains("column 'x'", "'" + token + "'", cur + ":42");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Inf", "-inf", "Infinity", "-Infinity"})
    void infinitiesAreNumbersAndAnInfiniteStatisticIsNullWithANote(String token) {
        Path ref = numbers("ref.csv", 0, 1, null);
        Path cur = numbers("cur.csv", 0.7, 2, token);
        JsonNode x = json(Console.run("drift", "--reference", ref.toString(), "--current", cur.toString(),
                "--tests", "ks,psi,wasserstein", "--format", "json")).get("columns").get(0);
        assertThat(x.get("n_current").asLong()).isEqualTo(500);
        assertThat(x.get("unparsable_current").asLong()).isZero();
        assertThat(x.get("status").asString()).isEqualTo("drift");
        JsonNode w = x.get("tests").get(2);
        assertThat(w.get("statistic").isNull()).isTrue();
        assertThat(w.get("note").asString()).contains("Infinity");
    }

    @Test
    void typesOverrideInference() {
        Path ref = numbers("ref.csv", 0, 1, null);
        Path cur = numbers("cur.csv", 0, 2, null);
        JsonNode x = json(Console.run("drift", "--reference", ref.toString(), "--current", cur.toString(),
                "--types", "x=categorical", "--format", "json")).get("columns").get(0);
        assertThat(x.get("type").asString()).isEqualTo("categorical");
        Console bad = Console.run("drift", "--reference", ref.toString(), "--current", cur.toString(),
                "--types", "x=number");
        assertThat(bad.status()).isEqualTo(2);
        assertThat(bad.err()).contains("x=number", "numeric or categorical");
    }

    @Test
    void aTestThatCannotApplyIsNeverASilentDrop() {
        Path ref = Fixtures.write(dir.resolve("ref.csv"), "c\n" + "a\nb\n".repeat(200));
        Path cur = Fixtures.write(dir.resolve("cur.csv"), "c\n" + "a\nb\n".repeat(200));
        Console c = Console.run("drift", "--reference", ref.toString(), "--current", cur.toString(),
                "--tests", "ks,psi", "--format", "json");
        JsonNode out = json(c);
        JsonNode col = out.get("columns").get(0);
        assertThat(col.get("status").asString()).isEqualTo("inconclusive");
        assertThat(col.get("reason").asString()).contains("ks, psi do not apply to categorical");
        assertThat(out.get("verdict").asString()).isEqualTo("inconclusive");
    }

    @Test
    void theDaemonsLogShapeIsReadAsTheDaemonReadsIt() {
        Path ref = logs("ref.jsonl", 0, 1);
        Path cur = logs("cur.jsonl", 0.5, 2);
        JsonNode out = json(Console.run("drift", "--reference", ref.toString(), "--current", cur.toString(),
                "--format", "json"));
        List<String> names = new ArrayList<>();
        out.get("columns").forEach(c -> names.add(c.get("name").asString()));
        assertThat(names).containsExactly("a", "c", "prediction", "meta.region");
        assertThat(out.get("columns").get(0).get("status").asString()).isEqualTo("drift");
        assertThat(out.get("columns").get(1).get("type").asString()).isEqualTo("categorical");
    }

    private Path logs(String name, double shift, long seed) {
        Random rnd = new Random(seed);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            lines.add(String.format(java.util.Locale.ROOT, "{\"@timestamp\": \"2026-11-28T10:00:%02dZ\", \"model\": \"m\", "
                    + "\"model_version\": \"3\", \"request_id\": \"r%d\", \"input\": {\"a\": %s, \"c\": \"%s\"}, "
                    + "\"prediction\": %s, \"meta\": {\"region\": \"eu\"}}", i % 60, i, rnd.nextGaussian() + shift,
                    i % 3 == 0 ? "x" : "y", rnd.nextDouble()));
        }
        Path p = dir.resolve(name);
        Fixtures.writeLines(p, lines);
        return p;
    }

    /** A record whose input is empty is a record with missing features, not a new table shape. */
    @Test
    void aLogRecordWithAnEmptyInputIsARecordWithMissingFeatures() throws Exception {
        Path ref = logs("ref.jsonl", 0, 1);
        Path cur = logs("cur.jsonl", 0, 2);
        Files.writeString(cur, "{\"@timestamp\": \"2026-11-28T10:00:00Z\", \"model\": \"m\", \"model_version\": \"3\", "
                + "\"request_id\": \"rx\", \"input\": {}, \"prediction\": 0.5}\n", java.nio.file.StandardOpenOption.APPEND);
        JsonNode out = json(Console.run("drift", "--reference", ref.toString(), "--current", cur.toString(), "--format", "json"));
        List<String> names = new ArrayList<>();
        out.get("columns").forEach(c -> names.add(c.get("name").asString()));
        assertThat(names).containsExactly("a", "c", "prediction", "meta.region");
    }

    /** An empty JSON-lines file is what an empty CSV is: no values, an inconclusive comparison. */
    @Test
    void anEmptyJsonLinesFileIsInconclusiveLikeAnEmptyCsv() throws Exception {
        Path ref = logs("ref.jsonl", 0, 1);
        Path empty = Fixtures.write(dir.resolve("empty.jsonl"), "");
        Console c = Console.run("drift", "--reference", ref.toString(), "--current", empty.toString(), "--format", "json");
        assertThat(c.status()).as(c.err()).isEqualTo(0);
        assertThat(Json.MAPPER.readTree(c.out()).get("verdict").asString()).isEqualTo("inconclusive");
    }

    @Test
    void aColumnOrTestNamedTwiceIsRefused() {
        Path ref = numbers("ref.csv", 0, 1, null);
        Console twice = Console.run("drift", "--reference", ref.toString(), "--current", ref.toString(), "--columns", "x,x");
        assertThat(twice.status()).isEqualTo(2);
        assertThat(twice.err()).contains("--columns names 'x' twice");
        assertThat(Console.run("drift", "--reference", ref.toString(), "--current", ref.toString(), "--tests", "ks,ks")
                .err()).contains("--tests names a test twice");
    }

    @Test
    void aFileThatOnlyStartsLikeGzipIsBadInput() throws Exception {
        Path ref = numbers("ref.csv", 0, 1, null);
        for (String name : new String[] {"broken.csv", "broken.jsonl"}) {
            Path broken = dir.resolve(name);
            Files.write(broken, new byte[] {0x1f, (byte) 0x8b, 8, 0, 1, 2, 3});
            Console c = Console.run("drift", "--reference", ref.toString(), "--current", broken.toString());
            assertThat(c.status()).isEqualTo(2);
            assertThat(c.err()).contains(broken + ":1:", "not a valid gzip file").doesNotContain("\tat ");
        }
    }

    @Test
    void aByteOrderMarkIsSkippedAndGzipIsRead() throws Exception {
        Path ref = numbers("ref.csv", 0, 1, null);
        Path cur = numbers("cur.csv", 0.7, 2, null);
        Path bom = dir.resolve("bom.csv");
        Files.write(bom, ("\uFEFF" + Files.readString(ref)).getBytes(StandardCharsets.UTF_8));
        Path gz = dir.resolve("cur.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(Files.readAllBytes(cur));
        }
        JsonNode out = json(Console.run("drift", "--reference", bom.toString(), "--current", gz.toString(),
                "--format", "json"));
        JsonNode x = out.get("columns").get(0);
        assertThat(x.get("name").asString()).isEqualTo("x");
        assertThat(x.get("n_current").asLong()).isEqualTo(500);
        assertThat(x.get("status").asString()).isEqualTo("drift");
    }
}
