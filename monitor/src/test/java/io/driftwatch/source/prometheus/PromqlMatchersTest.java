package io.driftwatch.source.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The version matcher lands in every selector and nowhere else; Prometheus' own parser accepts the result. */
class PromqlMatchersTest {
    private static final String V = "version=\"v2\"";

    @TempDir
    Path dir;

    private static String inject(String q) {
        return PromqlMatchers.inject(q, "version", "v2");
    }

    @Test
    void everySelectorGetsTheMatcher() {
        assertThat(inject("up")).isEqualTo("up{" + V + "}");
        assertThat(inject("rate(x{code=~\"5..\"}[5m])")).isEqualTo("rate(x{" + V + ",code=~\"5..\"}[5m])");
        assertThat(inject("x {}")).isEqualTo("x {" + V + "}");
        assertThat(inject("{__name__=\"x\"}")).isEqualTo("{" + V + ",__name__=\"x\"}");
        assertThat(inject("a / on(model) group_left(team) b offset 5m"))
                .isEqualTo("a{" + V + "} / on(model) group_left(team) b{" + V + "} offset 5m");
    }

    @Test
    void functionsAggregationsLabelListsStringsAndNumbersAreLeftAlone() {
        assertThat(inject("histogram_quantile(0.99, sum by (le, model) (rate(lat_bucket[5m])))"))
                .isEqualTo("histogram_quantile(0.99, sum by (le, model) (rate(lat_bucket{" + V + "}[5m])))");
        assertThat(inject("sum without (pod) (x) > bool 1e-3"))
                .isEqualTo("sum without (pod) (x{" + V + "}) > bool 1e-3");
        assertThat(inject("topk(3, sum(x) by (model))")).isEqualTo("topk(3, sum(x{" + V + "}) by (model))");
        assertThat(inject("label_replace(x, \"dst\", \"$1 y{}\", \"src\", \"(.*)\")"))
                .isEqualTo("label_replace(x{" + V + "}, \"dst\", \"$1 y{}\", \"src\", \"(.*)\")");
        assertThat(inject("max_over_time(x[10m:1m]) and y unless z")).isEqualTo(
                "max_over_time(x{" + V + "}[10m:1m]) and y{" + V + "} unless z{" + V + "}");
        assertThat(inject("x{a=\"}\"} # comment with y\n+ 0.5"))
                .isEqualTo("x{" + V + ",a=\"}\"} # comment with y\n+ 0.5");
        assertThat(PromqlMatchers.inject("x", "version", "a\"b")).isEqualTo("x{version=\"a\\\"b\"}");
    }

    @Test
    void prometheusParsesTheRewrittenExamples() throws Exception {
        io.driftwatch.support.CiTools.need(new ProcessBuilder("sh", "-c", "command -v promtool").start().waitFor() == 0,
                "promtool");
        List<String> queries = List.of(
                "histogram_quantile(0.99, sum by (le, model) (rate(model_request_duration_seconds_bucket[5m])))",
                "sum by (model) (rate(model_requests_total{code=~\"5..\"}[5m])) / sum by (model) (rate(model_requests_total[5m]))",
                "sum by (namespace, pod) (increase(kube_pod_container_status_restarts_total[15m]))",
                "a / on(model) group_left(team) b offset 5m", "max_over_time(x[10m:1m]) and y unless z");
        StringBuilder rules = new StringBuilder("groups:\n  - name: g\n    rules:\n");
        for (int i = 0; i < queries.size(); i++) {
            rules.append("      - record: r").append(i).append("\n        expr: '")
                    .append(inject(queries.get(i)).replace("'", "''")).append("'\n");
        }
        Path file = Files.writeString(dir.resolve("rules.yml"), rules);
        Process p = new ProcessBuilder("promtool", "check", "rules", file.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(out).isZero();
        assertThat(out).contains("SUCCESS: " + queries.size() + " rules found");
    }
}
