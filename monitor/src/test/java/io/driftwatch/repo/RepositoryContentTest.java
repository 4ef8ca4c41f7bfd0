package io.driftwatch.repo;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.metrics.Metrics;
import io.driftwatch.util.Json;
import io.driftwatch.support.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Checks that the repository's deployable content agrees with the code. */
class RepositoryContentTest {
    private static final Path REPO = Path.of(System.getProperty("driftwatch.repo"));

    @Test
    void kustomizeConfigCopiesMatchTheRulesAndRoutingUsersEdit() throws Exception {
        assertThat(Fixtures.withoutModeline(Files.readString(REPO.resolve("k8s/config/drift-rules.yaml"))))
                .isEqualTo(Fixtures.withoutModeline(Files.readString(REPO.resolve("rules/drift.yaml"))));
        assertThat(Fixtures.withoutModeline(Files.readString(REPO.resolve("k8s/config/routing.yaml"))))
                .isEqualTo(Fixtures.withoutModeline(Files.readString(REPO.resolve("alerts/routing.yaml"))));
        try (var templates = Files.list(REPO.resolve("alerts/templates"))) {
            for (Path t : templates.toList()) {
                assertThat(REPO.resolve("k8s/config/templates").resolve(t.getFileName())).as(t.toString())
                        .hasSameTextualContentAs(t);
            }
        }
    }

    @Test
    void everyDashboardQueryUsesOnlyMetricsDriftwatchExports() throws Exception {
        Set<String> exported = new HashSet<>();
        new Metrics().registry().scrape().forEach(s -> exported.add(s.getMetadata().getPrometheusName()));
        Pattern metric = Pattern.compile("driftwatch_[a-z_]+");
        int queries = 0;
        List<JsonNode> panels = new java.util.ArrayList<>();
        for (String d : List.of("overview", "model-detail", "alerts-actions", "health")) {
            Json.MAPPER.readTree(Files.readString(REPO.resolve("grafana/dashboards/" + d + ".json"))).get("panels")
                    .forEach(panels::add);
        }
        for (JsonNode panel : panels) {
            for (JsonNode target : panel.get("targets")) {
                Matcher m = metric.matcher(target.get("expr").asString());
                while (m.find()) {
                    String name = m.group().replaceAll("_(bucket|count|sum|total)$", "");
                    assertThat(exported).as(panel.get("title").asString()).contains(name);
                    queries++;
                }
            }
        }
        assertThat(queries).isGreaterThanOrEqualTo(30);
    }
}
