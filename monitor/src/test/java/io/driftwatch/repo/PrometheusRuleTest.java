package io.driftwatch.repo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** The PrometheusRule that alerts on Driftwatch itself, checked and unit-tested with promtool. */
class PrometheusRuleTest {
    private static final Path K8S = Path.of(System.getProperty("driftwatch.repo")).resolve("k8s");

    private static String promtool(String... args) throws Exception {
        String[] cmd = new String[args.length + 1];
        cmd[0] = "promtool";
        System.arraycopy(args, 0, cmd, 1, args.length);
        Process p = new ProcessBuilder(cmd).directory(K8S.resolve("tests").toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    @Test
    void rulesPassPromtoolCheckAndTheirUnitTests() throws Exception {
        assertThat(promtool("check", "rules", "driftwatch-rules.yaml")).contains("SUCCESS: 3 rules found");
        assertThat(promtool("test", "rules", "driftwatch-rules.test.yaml")).contains("SUCCESS");
    }

    @Test
    void theTestedRuleFileHoldsExactlyThePrometheusRulesGroups() throws Exception {
        YAMLMapper yaml = new YAMLMapper();
        JsonNode crd = yaml.readTree(K8S.resolve("monitoring/prometheusrule.yaml").toFile());
        JsonNode plain = yaml.readTree(K8S.resolve("tests/driftwatch-rules.yaml").toFile());
        assertThat(plain.get("groups")).isEqualTo(crd.get("spec").get("groups"));
    }
}
