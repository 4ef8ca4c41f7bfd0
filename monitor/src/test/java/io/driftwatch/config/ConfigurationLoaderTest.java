package io.driftwatch.config;

import io.driftwatch.source.elasticsearch.ElasticsearchSourceConfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.driftwatch.app.Configuration;
import io.driftwatch.app.ConfigurationLoader;
import io.driftwatch.drift.TestRegistry;
import io.driftwatch.support.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigurationLoaderTest {
    @TempDir
    Path dir;

    private final ConfigurationLoader loader = new ConfigurationLoader(TestRegistry.standard(),
            v -> v.equals("ES_API_KEY") ? "key" : System.getenv(v));

    private Path valid() throws Exception {
        Path cfg = Fixtures.config(dir, "30s", "alerts.jsonl");
        Files.createDirectories(dir.resolve("logs"));
        Fixtures.writeLines(dir.resolve("reference/m.jsonl"), Fixtures.lines(200, 0, java.time.Instant.now(), 1));
        return cfg;
    }

    private List<ConfigError> errors(Path cfg) {
        return catchThrowableOfType(ConfigException.class, () -> loader.load(cfg)).errors();
    }

    @Test
    void loadsAValidConfigurationWithItsRulesAndRouting() throws Exception {
        Configuration c = loader.load(valid());
        ModelConfig m = c.main().models().get(0);
        assertThat(m.name()).isEqualTo("m");
        assertThat(m.window()).isEqualTo(Duration.ofHours(1));
        assertThat(m.schedule().interval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(m.features()).extracting(FeatureSpec::type).containsExactly(FeatureType.NUMERIC, FeatureType.CATEGORICAL);
        assertThat(c.rules()).singleElement().satisfies(r -> {
            assertThat(r.expr().metric()).isEqualTo("psi");
            assertThat(r.hold().evaluations()).isEqualTo(2);
        });
        assertThat(c.routing().receivers()).containsKey("file");
    }

    @Test
    void unknownKeyIsReportedWithFileLineAndKeyPath() throws Exception {
        Path cfg = valid();
        Files.writeString(cfg, Files.readString(cfg).replace("    window: 1h", "    windw: 1h"));
        assertThat(errors(cfg)).singleElement().satisfies(e -> {
            assertThat(e.location().file()).isEqualTo(cfg.toString());
            assertThat(e.location().line()).isEqualTo(lineOf(cfg, "windw"));
            assertThat(e.keyPath()).isEqualTo("models[0].windw");
            assertThat(e.message()).contains("unknown key").contains("did you mean 'window'");
        });
    }

    @Test
    void wrongTypeMissingFileAndBadScheduleAreAllReportedAtOnce() throws Exception {
        Path cfg = valid();
        String text = Files.readString(cfg).replace("port: 0", "port: eighty")
                .replace("file: reference/m.jsonl", "file: reference/missing.jsonl")
                .replace("schedule: {interval: 30s}", "schedule: {cron: \"0 */5 * * *\"}");
        Files.writeString(cfg, text);
        List<ConfigError> errors = errors(cfg);
        assertThat(errors).extracting(ConfigError::keyPath)
                .containsExactlyInAnyOrder("http.port", "models[0].reference.file", "models[0].schedule.cron");
        assertThat(errors).allSatisfy(e -> assertThat(e.location().line()).isPositive());
        ConfigError port = errors.stream().filter(e -> e.keyPath().equals("http.port")).findFirst().orElseThrow();
        assertThat(port.location().line()).isEqualTo(lineOf(cfg, "port: eighty"));
        assertThat(port.message()).contains("expected an integer").contains("eighty");
    }

    @Test
    void badDurationUnknownTestAndTypeAreErrors() throws Exception {
        Path cfg = valid();
        Files.writeString(cfg, Files.readString(cfg).replace("window: 1h", "window: 5 minutes")
                .replace("{name: c, type: categorical}", "{name: c, type: categorical, tests: [ks, nope]}")
                .replace("{name: x, type: numeric}", "{name: x, type: number}"));
        assertThat(errors(cfg)).extracting(ConfigError::message).anySatisfy(m -> assertThat(m).contains("not a duration"))
                .anySatisfy(m -> assertThat(m).contains("'ks' does not apply to categorical"))
                .anySatisfy(m -> assertThat(m).contains("unknown test 'nope'"))
                .anySatisfy(m -> assertThat(m).contains("unknown type 'number'"));
    }

    @Test
    void elasticsearchModesSegmentsAndComparisonsAreValidated() throws Exception {
        Path cfg = valid();
        Files.writeString(cfg, Files.readString(cfg).replace("      path: logs/m.jsonl*\n",
                "      type: elasticsearch\n      hosts: [http://127.0.0.1:9200]\n      index: p-*\n"
                        + "      mode: sometimes\n      labels: {index: labels-*, labl: x}\n")
                .replace("    window: 1h", "    window: 1h\n    segments: {field: country, top: 500}\n"
                        + "    compare: {baseline: \"1\", candidate: \"1\"}"));
        assertThat(errors(cfg)).extracting(ConfigError::message)
                .anySatisfy(m -> assertThat(m).contains("unknown mode 'sometimes'; supported: pull, pushdown, auto"))
                .anySatisfy(m -> assertThat(m).contains("unknown key (did you mean 'label'?)"))
                .anySatisfy(m -> assertThat(m).contains("must be between 1 and 100, got 500"))
                .anySatisfy(m -> assertThat(m).contains("must differ from 'baseline'"))
                .anySatisfy(m -> assertThat(m).contains("comparing versions needs a 'prediction' column"));
    }

    @Test
    void actionsAndHealthAreValidated() throws Exception {
        Path cfg = valid();
        Files.writeString(cfg, Files.readString(cfg).replace("    window: 1h", String.join("\n",
                "    window: 1h", "    health: {namespace: ml}", "    actions:", "      mode: yolo",
                "      namespace: ml", "      rollback: {strategy: deployment-undo, on: [XShift]}",
                "      retrain: {kind: airflow, on: [XShift]}", "      budget: 0")));
        assertThat(errors(cfg)).extracting(ConfigError::message)
                .anySatisfy(m -> assertThat(m).contains("unknown mode 'yolo'; use dry-run, approve or auto"))
                .anySatisfy(m -> assertThat(m).contains("is required for deployment-undo"))
                .anySatisfy(m -> assertThat(m).contains("unknown retraining kind 'airflow'"))
                .anySatisfy(m -> assertThat(m).contains("must be at least 1"));
        assertThat(errors(cfg)).extracting(e -> e.keyPath()).contains("models[0].health.deployment");
    }

    @Test
    void autoModeCountsInTheClusterAboveItsThreshold() throws Exception {
        Path cfg = valid();
        Files.writeString(cfg, Files.readString(cfg).replace("      path: logs/m.jsonl*\n",
                "      type: elasticsearch\n      hosts: [http://127.0.0.1:9200]\n      index: p-*\n"
                        + "      pushdown_above: 1000\n      keyword_suffix: .keyword\n"));
        ElasticsearchSourceConfig es = (ElasticsearchSourceConfig) loader.load(cfg).main().models()
                .get(0).source();
        assertThat(es.pushdown()).isEqualTo(new ElasticsearchSourceConfig.Pushdown(ElasticsearchSourceConfig.Mode.AUTO, 1000, ".keyword"));
        try (var source = new io.driftwatch.source.elasticsearch.ElasticsearchSource(es)) {
            assertThat(source.pushdown(1000)).isFalse();
            assertThat(source.pushdown(1001)).isTrue();
        }
    }

    @Test
    void errorsInRuleAndRoutingFilesNameThoseFiles() throws Exception {
        Path cfg = valid();
        Fixtures.write(dir.resolve("rules/drift.yaml"), """
                rules:
                  - name: Bad
                    expr: psi >> 1
                  - name: Other
                    expr: kolmogorov > 0.1
                    severity: page
                """);
        Fixtures.write(dir.resolve("alerts/routing.yaml"), """
                route:
                  receiver: nobody
                receivers:
                  - name: hook
                    webhook: {url: "not a url"}
                """);
        List<ConfigError> errors = errors(cfg);
        assertThat(errors).filteredOn(e -> e.location().file().equals("rules/drift.yaml"))
                .extracting(e -> e.location().line() + " " + e.keyPath())
                .containsExactlyInAnyOrder("3 rules[0].expr", "5 rules[1].expr", "6 rules[1].severity");
        assertThat(errors).filteredOn(e -> e.location().file().equals("alerts/routing.yaml"))
                .extracting(ConfigError::keyPath).containsExactlyInAnyOrder("route.receiver", "receivers[0].webhook.url");
    }

    @Test
    void invalidYamlAndMissingRequiredKeysAreErrors() throws Exception {
        Path cfg = valid();
        Files.writeString(cfg, "models:\n  - name: m\n    source: [unclosed\n");
        assertThat(errors(cfg)).singleElement().satisfies(e -> assertThat(e.message()).startsWith("not valid YAML"));
        Files.writeString(cfg, "models:\n  - name: m\n");
        assertThat(errors(cfg)).extracting(ConfigError::keyPath)
                .contains("models[0].source", "models[0].reference", "alerts");
    }

    @Test
    void elasticsearchSourcesAreCheckedToo() throws Exception {
        Path cfg = valid();
        String es = "      type: elasticsearch\n      hosts: [http://127.0.0.1:9200, \"es without scheme\"]\n"
                + "      index: predictions-*\n      api_key_env: ES_API_KEY\n      batch_size: 20000\n";
        Files.writeString(cfg, Files.readString(cfg).replace("      path: logs/m.jsonl*\n", es + "      path: logs/m.jsonl*\n"));
        assertThat(errors(cfg)).extracting(ConfigError::keyPath).containsExactlyInAnyOrder(
                "models[0].source.hosts", "models[0].source.batch_size", "models[0].source.path");
        Files.writeString(cfg, Files.readString(cfg).replace(", \"es without scheme\"", "").replace("20000", "500")
                .replace("      path: logs/m.jsonl*\n", ""));
        ElasticsearchSourceConfig source =
                (ElasticsearchSourceConfig) loader.load(cfg).main().models().get(0).source();
        assertThat(source.hosts()).containsExactly("http://127.0.0.1:9200");
        assertThat(source.batchSize()).isEqualTo(500);
        assertThat(source.apiKeyEnv()).isEqualTo("ES_API_KEY");
        assertThat(source.index()).isEqualTo("predictions-*");
    }

    @Test
    void aMissingConfigFileIsAnError() {
        assertThatThrownBy(() -> loader.load(dir.resolve("nope.yaml"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("no such file");
    }

    /** The log shapes of issue 24: node-log format, field paths, vector inputs named or by position. */
    @Test
    void logShapesAreConfiguredByFormatFieldPathsInputNamesAndPositions() throws Exception {
        Path cfg = valid();
        Files.writeString(cfg, Files.readString(cfg).replace("      path: logs/m.jsonl*\n", """
                      path: logs/m.jsonl*
                      format: cri
                      input_names: [x, c]
                      fields: {version: kubernetes.labels.version}
                """).replace("      - {name: c, type: categorical}", "      - {name: c, type: categorical, field: 1}"));
        ModelConfig m = loader.load(cfg).main().models().get(0);
        var source = (io.driftwatch.source.file.FileSourceConfig) m.source();
        assertThat(source.format()).isEqualTo(io.driftwatch.source.file.LineFormat.CRI);
        assertThat(source.fields().version()).isEqualTo("kubernetes.labels.version");
        assertThat(source.fields().inputNames()).containsExactly("x", "c");
        assertThat(m.features()).extracting(FeatureSpec::field).containsExactly("x", "1");
    }

    @Test
    void anUnknownFormatRepeatedInputNamesAndANegativePositionAreErrorsWithTheirPlace() throws Exception {
        Path cfg = valid();
        Files.writeString(cfg, Files.readString(cfg).replace("      path: logs/m.jsonl*\n", """
                      path: logs/m.jsonl*
                      format: journald
                      input_names: [x, x]
                """).replace("      - {name: c, type: categorical}", "      - {name: c, type: categorical, field: -1}"));
        assertThat(errors(cfg)).extracting(e -> e.keyPath() + ": " + e.message()).containsExactlyInAnyOrder(
                "models[0].source.format: unknown log format 'journald'; use json, cri (containerd and CRI-O node logs) or "
                        + "docker (Docker's json-file driver)",
                "models[0].source.input_names: 'x' is named twice",
                "models[0].features[1].field: a position in the input vector is 0 or more, not -1");
    }

    private static int lineOf(Path file, String text) throws Exception {
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i + 1;
            }
        }
        throw new AssertionError(text + " not in " + file);
    }
}
