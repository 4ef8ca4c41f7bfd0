package io.driftwatch.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.app.ConfigurationLoader;
import io.driftwatch.alert.LabelMatcher;
import io.driftwatch.config.ConfigError;
import io.driftwatch.config.ConfigErrors;
import io.driftwatch.config.ConfigException;
import io.driftwatch.config.FieldMapping;
import io.driftwatch.drift.TestRegistry;
import io.driftwatch.rules.RuleParser;
import io.driftwatch.source.LogRecordParser;
import io.driftwatch.table.Table;
import io.driftwatch.table.TableFormatException;
import io.driftwatch.table.TableReader;
import io.driftwatch.support.Fixtures;
import io.driftwatch.support.Garbage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;

/**
 * Every parser of user input, fed 10,000 generated inputs each (random text and bytes, deep nesting,
 * huge numbers, mutated valid inputs): it accepts the input or answers with the project's own error
 * carrying a location; no other exception escapes.
 */
class ParsersPropertyTest {
    private static final int TRIES = 10_000;
    private static final Path DIR = tempDir();
    private static final String CONFIG = configSeed();
    private static final String RULES = """
            rules:
              - name: XShift
                expr: psi > 0.25
                for: 2
                severity: critical
                annotations:
                  summary: "PSI {{ $value }} on {{ $labels.feature }}"
              - name: Health
                source: prometheus
                expr: up{job="m"}
                op: "<"
                threshold: 1
                for: 5m
            """;

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("dw-fuzz");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A valid main file with a small reference, so that each try stays fast. */
    private static String configSeed() {
        Path cfg = Fixtures.config(DIR, "30s", "alerts.jsonl");
        Fixtures.writeLines(DIR.resolve("reference/m.jsonl"), Fixtures.lines(20, 0, Instant.now(), 1));
        Fixtures.write(DIR.resolve("logs/.keep"), "");
        try {
            return Files.readString(cfg) + "drift:\n  min_samples: 10\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path write(String name, byte[] content) throws IOException {
        Path p = DIR.resolve(name);
        Files.write(p, content);
        return p;
    }

    private static void located(List<ConfigError> errors) {
        assertThat(errors).isNotEmpty().allSatisfy(e -> {
            assertThat(e.location().file()).isNotBlank();
            assertThat(e.location().line()).isPositive();
            assertThat(e.location().column()).isPositive();
            assertThat(e.message()).isNotBlank();
        });
    }

    @Provide
    Arbitrary<byte[]> configs() {
        return Garbage.file(List.of(CONFIG));
    }

    @Property(tries = TRIES, shrinking = ShrinkingMode.BOUNDED)
    void theConfigLoaderAcceptsOrLocatesItsErrors(@ForAll("configs") byte[] content) throws IOException {
        Path file = write("driftwatch.yaml", content);
        try {
            new ConfigurationLoader(TestRegistry.standard(), v -> "set").load(file);
        } catch (ConfigException e) {
            located(e.errors());
        }
    }

    @Provide
    Arbitrary<byte[]> ruleFiles() {
        return Garbage.file(List.of(RULES));
    }

    @Property(tries = TRIES, shrinking = ShrinkingMode.BOUNDED)
    void theRuleParserAcceptsOrLocatesItsErrors(@ForAll("ruleFiles") byte[] content) throws IOException {
        Path file = write("rules.yaml", content);
        ConfigErrors errors = new ConfigErrors();
        new RuleParser(name -> TestRegistry.standard().byName(name).isPresent()).parse(file, "rules.yaml", errors);
        if (!errors.isEmpty()) {
            located(errors.list());
        }
    }

    @Provide
    Arbitrary<String> logLines() {
        return Garbage.text(List.of(Fixtures.logLine(Instant.now(), 1.5, "a", "7"),
                "{\"@timestamp\": 1764324000000, \"model\": \"m\", \"input\": {\"x\": {\"a\": [1, 2]}, \"c\": null}, "
                        + "\"prediction\": 0.3, \"label\": 1, \"latency_ms\": 12, \"request_id\": \"r-1\"}"));
    }

    @Property(tries = TRIES, shrinking = ShrinkingMode.BOUNDED)
    void theLogRecordParserReturnsARecordOrASkipReason(@ForAll("logLines") String line) {
        LogRecordParser.Parsed p = new LogRecordParser(FieldMapping.defaults()).parse(line);
        if (p instanceof LogRecordParser.Skipped s) {
            assertThat(s.reason()).isNotNull();
            assertThat(s.detail()).isNotNull();
        } else {
            assertThat(((LogRecordParser.Ok) p).record().timestamp()).isNotNull();
        }
    }

    @Provide
    Arbitrary<byte[]> csvFiles() {
        return Garbage.file(List.of("x,c,\"note, q\"\n1.5,a,\"x\"\n-2,b,\"y\"\nNA,,\"\"\"z\"\"\"\n", "a,b\n1,2\n3,4\n"));
    }

    @Property(tries = TRIES, shrinking = ShrinkingMode.BOUNDED)
    void theCsvReaderReturnsATableOrALocatedFormatError(@ForAll("csvFiles") byte[] content) throws IOException {
        table(write("t.csv", content));
    }

    @Provide
    Arbitrary<byte[]> jsonLinesFiles() {
        return Garbage.file(List.of(Fixtures.logLine(Instant.now(), 1.5, "a", "7") + "\n{\"x\": 1, \"c\": \"a\"}\n"
                + "{\"a\": {\"b\": {\"c\": 1e5}}, \"d\": [1, {\"e\": null}], \"f\": true}\n"));
    }

    @Property(tries = TRIES, shrinking = ShrinkingMode.BOUNDED)
    void theJsonLinesReaderReturnsATableOrALocatedFormatError(@ForAll("jsonLinesFiles") byte[] content)
            throws IOException {
        table(write("t.jsonl", content));
    }

    private static void table(Path file) throws IOException {
        try {
            Table t = TableReader.read(file);
            for (String c : t.columns()) {
                assertThat(t.column(c).size()).as("column %s of %s", c, Files.readString(file,
                        java.nio.charset.StandardCharsets.ISO_8859_1)).isEqualTo(t.rows());
            }
        } catch (TableFormatException e) {
            assertThat(e.getMessage()).startsWith(file.toString() + ":");
        }
    }

    @Provide
    Arbitrary<String> matchers() {
        return Garbage.text(List.of("model=\"credit-risk\"", "feature!=\"income\"", "model=~\"credit-.*\"",
                "severity!~\"info|warning\""));
    }

    @Property(tries = TRIES, shrinking = ShrinkingMode.BOUNDED)
    void theMatcherParserAcceptsOrSaysWhy(@ForAll("matchers") String text) {
        String[] error = new String[1];
        if (LabelMatcher.parse(text, error).isEmpty()) {
            assertThat(error[0]).isNotBlank();
        }
    }
}
