package io.driftwatch.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.driftwatch.app.Configuration;
import io.driftwatch.app.ConfigurationLoader;
import io.driftwatch.drift.TestRegistry;
import io.driftwatch.support.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Mistakes that used to pass validation and cost an alert later. */
class ConfigMistakesTest {
    @TempDir
    Path dir;

    private Path valid() {
        Path cfg = Fixtures.config(dir, "30s", "alerts.jsonl");
        Fixtures.writeLines(dir.resolve("reference/m.jsonl"), Fixtures.lines(200, 0, java.time.Instant.now(), 1));
        Fixtures.write(dir.resolve("logs/.keep"), "");
        return cfg;
    }

    private static List<ConfigError> errors(Path cfg, Map<String, String> env) {
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> new ConfigurationLoader(TestRegistry.standard(), env::get).load(cfg));
        assertThat(e).as("the configuration should be refused").isNotNull();
        return e.errors();
    }

    private static void replace(Path file, String from, String to) throws Exception {
        String text = Files.readString(file);
        assertThat(text).contains(from);
        Files.writeString(file, text.replace(from, to));
    }

    @Test
    void missingSecretsAreErrorsNamingTheReceiverTheKeyAndTheVariable() throws Exception {
        Path cfg = valid();
        Fixtures.write(dir.resolve("alerts/routing.yaml"), """
                route:
                  receiver: hook
                receivers:
                  - name: hook
                    webhook: {url: "http://127.0.0.1:9/x", hmac_secret_env: DW_HOOK_SECRET}
                  - name: team-slack
                    slack: {token_env: DW_SLACK_TOKEN, channel: C0123}
                  - name: mail
                    email: {host: 127.0.0.1, port: 25, tls: none, from: a@b.c, to: [d@e.f],
                            username_env: DW_SMTP_USER, password_env: DW_SMTP_PASSWORD}
                """);
        for (String f : List.of("slack-title.txt", "slack-alert.txt", "email-subject.txt", "email.txt", "email.html")) {
            Fixtures.write(dir.resolve("alerts/templates").resolve(f), "{{ range }}{{ $labels.model }}{{ end }}\n");
        }
        replace(cfg, "http:\n", "http:\n  token_env: DW_API_TOKEN\n");
        List<ConfigError> errors = errors(cfg, Map.of("DW_SMTP_USER", "me"));
        assertThat(errors).extracting(ConfigError::toString).anySatisfy(e -> assertThat(e)
                .contains("routing.yaml:", "hmac_secret_env", "receiver 'hook'", "DW_HOOK_SECRET is not set"));
        assertThat(errors).extracting(ConfigError::toString).anySatisfy(e -> assertThat(e)
                .contains("token_env", "receiver 'team-slack'", "DW_SLACK_TOKEN"));
        assertThat(errors).extracting(ConfigError::toString).anySatisfy(e -> assertThat(e)
                .contains("password_env", "receiver 'mail'", "DW_SMTP_PASSWORD"));
        assertThat(errors).extracting(ConfigError::toString).anySatisfy(e -> assertThat(e)
                .contains("driftwatch.yaml:", "http.token_env", "DW_API_TOKEN"));
        assertThat(errors).hasSize(4);
        Configuration ok = new ConfigurationLoader(TestRegistry.standard(), Map.of("DW_SMTP_USER", "me",
                "DW_SMTP_PASSWORD", "pw", "DW_HOOK_SECRET", "s", "DW_SLACK_TOKEN", "xoxb", "DW_API_TOKEN", "t")::get)
                .load(cfg);
        assertThat(ok.routing().receivers()).hasSize(3);
    }

    /** Rules that can never be evaluated are refused: they would leave a shift unseen. */
    @Test
    void rulesThatCanNeverBeEvaluatedAreRefusedNamingTheRuleAndWhy() throws Exception {
        Path cfg = valid();
        Fixtures.write(dir.resolve("rules/drift.yaml"), """
                rules:
                  - {name: PsiP, expr: psi.p_value < 0.05}
                  - {name: Multi, expr: multivariate.z > 3}
                  - {name: Fine, expr: ks.p_value < 0.05}
                """);
        List<ConfigError> errors = errors(cfg, Map.of());
        assertThat(errors).extracting(ConfigError::toString).anySatisfy(e -> assertThat(e)
                .contains("drift.yaml:2:", "'psi' is a distance and has no p_value", "could never be evaluated"));
        assertThat(errors).extracting(ConfigError::toString).anySatisfy(e -> assertThat(e)
                .contains("drift.yaml:3:", "rule 'Multi' reads multivariate.*", "'multivariate:' block"));
        assertThat(errors).hasSize(2);
    }

    @Test
    void durationsOutOfRangeAreErrorsWithTheRange() throws Exception {
        Path cfg = valid();
        replace(cfg, "    window: 1h\n", "    window: 99999999999999d\n");
        assertThat(errors(cfg, Map.of())).singleElement().satisfies(e -> {
            assertThat(e.keyPath()).isEqualTo("models[0].window");
            assertThat(e.message()).contains("longest allowed duration", "400d");
        });
        replace(cfg, "    window: 99999999999999d\n", "    window: 1h\n");
        replace(cfg, "{interval: 30s}", "{interval: 1ms}");
        assertThat(errors(cfg, Map.of())).singleElement().satisfies(e -> {
            assertThat(e.keyPath()).isEqualTo("models[0].schedule.interval");
            assertThat(e.message()).contains("out of range", "from 1s to 400d");
        });
    }

    @Test
    void theNewBlocksSayWhereAndWhy() throws Exception {
        Path cfg = valid();
        replace(cfg, "    window: 1h\n", """
                    window: 1h
                    gate:
                      split_from: {virtual_service: {namespace: ml, name: vs}, rollout: {namespace: ml, name: r}}
                      health: {version_label: "not a label"}
                    multivariate: {variance: 1.5}
                    estimated: {min_calibration: 10}
                """);
        List<String> said = errors(cfg, Map.of()).stream().map(ConfigError::toString).toList();
        assertThat(said).anySatisfy(e -> assertThat(e).contains("models[0].gate.split_from.rollout")
                .contains("exactly one of virtual_service (Istio) or rollout"));
        assertThat(said).anySatisfy(e -> assertThat(e).contains("models[0].gate.health.version_label")
                .contains("must be a Prometheus label name"));
        assertThat(said).anySatisfy(e -> assertThat(e).contains("models[0].multivariate.variance").contains("between 0 and 1"));
        assertThat(said).anySatisfy(e -> assertThat(e).contains("models[0].estimated.min_calibration").contains("at least 100"));
        assertThat(said).anySatisfy(e -> assertThat(e).contains("models[0].estimated")
                .contains("needs a 'prediction' column"));
        assertThat(said).allSatisfy(e -> assertThat(e).contains("driftwatch.yaml:"));
    }

    @Test
    void aMovingReferenceIsOneOfItsKinds() throws Exception {
        Path cfg = valid();
        replace(cfg, "      file: reference/m.jsonl\n", "      file: reference/m.jsonl\n      seasonal: {period: 1w, periods: 60}\n");
        List<String> said = errors(cfg, Map.of()).stream().map(ConfigError::toString).toList();
        assertThat(said).anySatisfy(e -> assertThat(e).contains("models[0].reference")
                .contains("exactly one of 'file', 'range', 'rolling' or 'seasonal'"));
        replace(cfg, "      file: reference/m.jsonl\n", "");
        assertThat(errors(cfg, Map.of())).singleElement().satisfies(e -> {
            assertThat(e.keyPath()).isEqualTo("models[0].reference.seasonal.periods");
            assertThat(e.message()).contains("between 1 and 52");
        });
        replace(cfg, "seasonal: {period: 1w, periods: 60}", "seasonal: {period: 30m}");
        assertThat(errors(cfg, Map.of())).singleElement().satisfies(e -> {
            assertThat(e.keyPath()).isEqualTo("models[0].reference");
            assertThat(e.message()).contains("seasonal period (30m) shorter than the window (1h)");
        });
    }

    @Test
    void aWindowShorterThanTheIntervalIsAWarning() throws Exception {
        Path cfg = valid();
        replace(cfg, "    window: 1h\n", "    window: 10s\n");
        Configuration c = new ConfigurationLoader(TestRegistry.standard()).load(cfg);
        assertThat(c.warnings()).singleElement().satisfies(w -> {
            assertThat(w.keyPath()).isEqualTo("models[0].window");
            assertThat(w.message()).contains("shorter than the interval 30s");
        });
    }

    @Test
    void aRuleWhoseFeatureGlobMatchesNothingIsAnError() throws Exception {
        Path cfg = valid();
        replace(dir.resolve("rules/drift.yaml"), "    for: 2\n", "    for: 2\n    feature: incom*\n");
        assertThat(errors(cfg, Map.of())).singleElement().satisfies(e -> {
            assertThat(e.location().file()).endsWith("drift.yaml");
            assertThat(e.message()).contains("feature 'incom*' matches no feature");
        });
    }

    @Test
    void unclosedTemplateBracesAreErrors() throws Exception {
        Path cfg = valid();
        replace(dir.resolve("rules/drift.yaml"), "{{ $labels.feature }}", "{{ $labels.feature");
        assertThat(errors(cfg, Map.of())).singleElement().satisfies(e -> {
            assertThat(e.keyPath()).endsWith("annotations.summary");
            assertThat(e.message()).contains("unclosed '{{'", "column");
        });
        replace(dir.resolve("rules/drift.yaml"), "{{ $labels.feature", "{{ $labels.feature }}");
        Path templates = dir.resolve("alerts/tpl");
        for (String f : List.of("email-subject.txt", "email.txt", "email.html")) {
            Fixtures.write(templates.resolve(f), "{{ range }}{{ $labels.model }}{{ end }}\n");
        }
        Fixtures.write(templates.resolve("email.txt"), "Alerts:\n{{ range }}{{ $labels.model {{ end }}\n");
        Fixtures.write(dir.resolve("alerts/routing.yaml"), """
                route:
                  receiver: mail
                receivers:
                  - name: mail
                    email: {host: 127.0.0.1, port: 25, tls: none, from: a@b.c, to: [d@e.f], templates: tpl}
                """);
        assertThat(errors(cfg, Map.of())).singleElement().satisfies(e ->
                assertThat(e.message()).contains("email.txt", "unclosed '{{' at line 2, column 12"));
    }

    @Test
    void perTestSettingsNameRegisteredTestsThatHaveThem() throws Exception {
        Path cfg = valid();
        Files.writeString(cfg, Files.readString(cfg) + "drift:\n  thresholds: {psi: 0.2, ks: 0.1, kss: 0.3}\n"
                + "  effect_floor: {wasserstein: 0.2, jensenshannon: 0.15}\n");
        assertThat(errors(cfg, Map.of())).extracting(ConfigError::keyPath, ConfigError::message).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("drift.thresholds.ks",
                        "'ks' gives a p-value, held to drift.fdr: it has no threshold of its own"),
                org.assertj.core.groups.Tuple.tuple("drift.thresholds.kss",
                        "unknown test 'kss'; available: [ks, psi, chisquare, jensenshannon, wasserstein]"),
                org.assertj.core.groups.Tuple.tuple("drift.effect_floor.wasserstein",
                        "'wasserstein' is not an effect-size measure; floors apply to [ks, psi, jensenshannon]"));
        Files.writeString(cfg, Files.readString(cfg).replace(", ks: 0.1, kss: 0.3", "").replace("wasserstein: 0.2, ", ""));
        Configuration c = new ConfigurationLoader(TestRegistry.standard()).load(cfg);
        assertThat(c.main().drift().thresholds()).containsEntry("psi", 0.2);
        assertThat(c.main().drift().floors()).containsEntry("jensenshannon", 0.15);
    }

    @Test
    void theKubernetesLeaseBlockIsAccepted() throws Exception {
        Path cfg = valid();
        Files.writeString(cfg, Files.readString(cfg) + "kubernetes:\n  lease: driftwatch-leader\n"
                + "  lease_namespace: driftwatch\n");
        Configuration c = new ConfigurationLoader(TestRegistry.standard()).load(cfg);
        assertThat(c.main().kubernetes().lease()).isEqualTo("driftwatch-leader");
        Files.writeString(cfg, Files.readString(cfg).replace("  lease_namespace: driftwatch\n", "  leese: x\n"));
        assertThat(errors(cfg, Map.of())).extracting(ConfigError::keyPath)
                .containsExactlyInAnyOrder("kubernetes.lease_namespace", "kubernetes.leese");
    }

    @Test
    void aConfigurationLargerThanSnakeYamlsDefaultLimitLoads() throws Exception {
        Path cfg = valid();
        StringBuilder big = new StringBuilder();
        String line = "# " + "x".repeat(200) + "\n";
        while (big.length() < 4 << 20) {
            big.append(line);
        }
        Files.writeString(cfg, big + Files.readString(cfg));
        assertThat(Files.size(cfg)).isGreaterThan(3L << 20);
        Configuration c = new ConfigurationLoader(TestRegistry.standard()).load(cfg);
        assertThat(c.main().models()).hasSize(1);
    }
}
