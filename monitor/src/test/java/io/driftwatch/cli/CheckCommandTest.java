package io.driftwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.support.Console;
import io.driftwatch.support.Fixtures;
import io.driftwatch.util.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import tools.jackson.databind.JsonNode;

/** {@code driftwatch check}: exit codes a pipeline acts on, policy rules with integrity checks, JUnit XML. */
class CheckCommandTest {
    @TempDir
    Path dir;

    /** amount ~ N(shift, 1) with some cells missing; plan a/b (and "gold" in the current file when asked). */
    private Path csv(String name, int rows, double shift, double missing, boolean newPlan, long seed) {
        Random r = new Random(seed);
        List<String> lines = new ArrayList<>(List.of("amount,plan"));
        for (int i = 0; i < rows; i++) {
            String amount = r.nextDouble() < missing ? "" : Double.toString(r.nextGaussian() + shift);
            String plan = newPlan && i % 20 == 0 ? "gold" : r.nextBoolean() ? "a" : "b";
            lines.add(amount + "," + plan);
        }
        Path p = dir.resolve(name);
        Fixtures.writeLines(p, lines);
        return p;
    }

    private Console check(Path ref, Path cur, String... more) {
        List<String> args = new ArrayList<>(List.of("check", "--reference", ref.toString(), "--current", cur.toString()));
        args.addAll(List.of(more));
        return Console.run(args.toArray(String[]::new));
    }

    @Test
    void withoutAPolicyADriftedFeatureFailsAndNoDriftPasses() {
        Path ref = csv("ref.csv", 3000, 0, 0, false, 1);
        Console same = check(ref, csv("same.csv", 2000, 0, 0, false, 2));
        assertThat(same.status()).as(same.err()).isZero();
        assertThat(same.out()).contains("PASS: 2 check(s), 0 failed");
        Console shifted = check(ref, csv("shifted.csv", 2000, 0.5, 0, false, 3));
        assertThat(shifted.status()).isEqualTo(1);
        assertThat(shifted.out()).containsPattern("drift +amount +fail +ks 0\\.\\d+ \\(adjusted p .*\\) drifted");
    }

    @Test
    void aPolicysRulesAndIntegrityChecksDecide() throws Exception {
        Path ref = csv("ref.csv", 3000, 0, 0, false, 1);
        Path cur = csv("cur.csv", 2000, 0, 0.1, true, 4);
        Path policy = Fixtures.write(dir.resolve("policy.yaml"), """
                rules:
                  - name: Shift
                    expr: psi > 0.25
                  - name: Missing
                    expr: integrity.missing_share > 0.05
                  - name: NewPlans
                    feature: plan
                    expr: integrity.new_categories > 0
                  - name: Range
                    feature: amount
                    expr: integrity.max > 100
                """);
        Console c = check(ref, cur, "--policy", policy.toString(), "--format", "json");
        assertThat(c.status()).as(c.err()).isEqualTo(1);
        JsonNode out = Json.MAPPER.readTree(c.out());
        assertThat(out.get("verdict").asString()).isEqualTo("fail");
        assertThat(outcome(out, "Missing on amount")).isEqualTo("fail");
        assertThat(value(out, "Missing on amount")).isBetween(0.08, 0.12);
        assertThat(outcome(out, "NewPlans on plan")).isEqualTo("fail");
        assertThat(value(out, "NewPlans on plan")).isEqualTo(1.0);
        assertThat(outcome(out, "Range on amount")).isEqualTo("pass");
        assertThat(outcome(out, "Shift on amount")).isEqualTo("pass");
        assertThat(out.get("report").get("columns")).hasSize(2);
    }

    @Test
    void dataQualitySignalsAreRuleMetricsAndPartOfTheReport() throws Exception {
        Path ref = csv("ref.csv", 3000, 0, 0, false, 1);
        List<String> lines = new ArrayList<>(List.of("amount,plan"));
        for (int i = 0; i < 1000; i++) { // 50 far out of range, 20 not numbers, 100 empty; 30 of plan "gold"
            String amount = i < 50 ? "1000" : i < 70 ? "abc" : i < 170 ? "" : Double.toString((i % 7 - 3) / 3.0);
            lines.add(amount + "," + (i >= 970 ? "gold" : i % 2 == 0 ? "a" : "b"));
        }
        Path cur = dir.resolve("cur.csv");
        Fixtures.writeLines(cur, lines);
        Path policy = Fixtures.write(dir.resolve("policy.yaml"), """
                rules:
                  - {name: OutOfRange, feature: amount, expr: data.out_of_range_share > 0.01}
                  - {name: Unparsable, feature: amount, expr: data.unparsable_share > 0.05}
                  - {name: NewPlan, feature: plan, expr: data.new_category_share > 0.02}
                """);
        Console c = check(ref, cur, "--policy", policy.toString(), "--format", "json");
        JsonNode out = Json.MAPPER.readTree(c.out());
        assertThat(value(out, "OutOfRange on amount")).isEqualTo(0.05);
        assertThat(outcome(out, "OutOfRange on amount")).isEqualTo("fail");
        assertThat(value(out, "Unparsable on amount")).isEqualTo(0.02);
        assertThat(outcome(out, "Unparsable on amount")).isEqualTo("pass");
        assertThat(value(out, "NewPlan on plan")).isEqualTo(0.03);
        JsonNode amount = out.get("report").get("data_quality").get("features").get("amount");
        assertThat(amount.get("missing_share").asDouble()).isEqualTo(0.10);
        assertThat(amount.get("unparsable_share").asDouble()).isEqualTo(0.02);
        assertThat(c.status()).isEqualTo(1);
    }

    private static String outcome(JsonNode out, String name) {
        return find(out, name).get("outcome").asString();
    }

    private static double value(JsonNode out, String name) {
        return find(out, name).get("value").asDouble();
    }

    private static JsonNode find(JsonNode out, String name) {
        for (JsonNode c : out.get("checks")) {
            if (c.get("name").asString().equals(name)) {
                return c;
            }
        }
        throw new AssertionError("no check " + name + " in " + out);
    }

    @Test
    void tooLittleDataIsInconclusiveWhichFailsUnlessToldOtherwise() {
        Path ref = csv("ref.csv", 50, 0, 0, false, 1);
        Path cur = csv("cur.csv", 40, 0, 0, false, 2);
        Console strict = check(ref, cur);
        assertThat(strict.status()).isEqualTo(1);
        assertThat(strict.out()).contains("INCONCLUSIVE");
        assertThat(check(ref, cur, "--inconclusive", "pass").status()).isZero();
    }

    @Test
    void badInputIsExitTwoWithWhereAndWhy() {
        Path ref = csv("ref.csv", 300, 0, 0, false, 1);
        Path bad = Fixtures.write(dir.resolve("bad.yaml"), "rules:\n  - name: X\n    expr: nonsense > 1\n");
        Console c = check(ref, ref, "--policy", bad.toString());
        assertThat(c.status()).isEqualTo(2);
        assertThat(c.err()).contains("bad.yaml:3:").contains("unknown metric 'nonsense'");
        assertThat(check(ref, dir.resolve("missing.csv")).status()).isEqualTo(2);
        assertThat(check(ref, ref, "--inconclusive", "maybe").err()).contains("--inconclusive must be pass or fail");
    }

    @Test
    void theJunitReportFollowsTheSchemaAndCarriesTheNumbers() throws Exception {
        Path ref = csv("ref.csv", 3000, 0, 0, false, 1);
        Path cur = csv("cur.csv", 2000, 0.5, 0.1, true, 5);
        Path policy = Fixtures.write(dir.resolve("policy.yaml"), """
                rules:
                  - {name: Shift, expr: ks.adjusted_p_value < 0.01}
                  - {name: Missing, expr: integrity.missing_share > 0.2}
                """);
        Path xml = dir.resolve("junit.xml");
        Console c = check(ref, cur, "--policy", policy.toString(), "--junit", xml.toString());
        assertThat(c.status()).isEqualTo(1);
        SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
                .newSchema(new StreamSource(getClass().getResourceAsStream("/junit/junit.xsd"))).newValidator()
                .validate(new StreamSource(xml.toFile()));
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml.toFile());
        NodeList suites = doc.getElementsByTagName("testsuite");
        assertThat(suites.getLength()).as("policy and integrity groups").isEqualTo(2);
        Element root = doc.getDocumentElement();
        assertThat(root.getAttribute("failures")).isEqualTo("1");
        assertThat(root.getAttribute("tests")).isEqualTo("3");
        Element failure = (Element) doc.getElementsByTagName("failure").item(0);
        assertThat(failure.getAttribute("message")).containsPattern("ks.adjusted_p_value = \\d\\.\\d+e-\\d+ on amount \\(rule: ks.adjusted_p_value < 0.01\\)");
        assertThat(((Element) failure.getParentNode()).getAttribute("name")).isEqualTo("Shift on amount");
    }

    /** A policy rule on a signal a check never computes is bad input, not a silent pass. */
    @Test
    void aPolicyRuleOnASignalACheckCannotComputeIsRefused() throws Exception {
        Path ref = csv("ref-s.csv", 1000, 0, 0, false, 1);
        Path cur = csv("cur-s.csv", 1000, 1, 0, false, 2);
        Path policy = Fixtures.write(dir.resolve("multi.yaml"), "rules:\n  - {name: Multi, expr: multivariate.z > 3}\n");
        Console c = check(ref, cur, "--policy", policy.toString(), "--inconclusive", "pass");
        assertThat(c.status()).isEqualTo(2);
        assertThat(c.err()).contains("multi.yaml:2:", "rule 'Multi' reads multivariate.*", "never be evaluated");
        Path psiP = Fixtures.write(dir.resolve("psip.yaml"), "rules:\n  - {name: P, expr: psi.adjusted_p_value < 0.05}\n");
        assertThat(check(ref, cur, "--policy", psiP.toString()).err()).contains("'psi' is a distance");
    }

    /** A column name with a control character (XML 1.0 forbids it) still gives a report CI can parse. */
    @Test
    void aControlCharacterInAColumnNameGivesAReportThatParses() throws Exception {
        Random r = new Random(4);
        List<String> ref = new ArrayList<>(List.of("am\u0001ount,plan\u001b"));
        List<String> cur = new ArrayList<>(List.of("am\u0001ount,plan\u001b"));
        for (int i = 0; i < 2000; i++) {
            ref.add(r.nextGaussian() + "," + (r.nextBoolean() ? "a" : "b"));
            cur.add((r.nextGaussian() + 1) + "," + (r.nextBoolean() ? "a" : "b"));
        }
        Fixtures.writeLines(dir.resolve("ref-c.csv"), ref);
        Fixtures.writeLines(dir.resolve("cur-c.csv"), cur);
        Path xml = dir.resolve("junit-c.xml");
        Console c = check(dir.resolve("ref-c.csv"), dir.resolve("cur-c.csv"), "--junit", xml.toString());
        assertThat(c.status()).as(c.err()).isEqualTo(1);
        SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
                .newSchema(new StreamSource(getClass().getResourceAsStream("/junit/junit.xsd"))).newValidator()
                .validate(new StreamSource(xml.toFile()));
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml.toFile());
        assertThat(((Element) doc.getElementsByTagName("failure").item(0).getParentNode()).getAttribute("name"))
                .contains("am\uFFFDount");
    }

    @Test
    void theExamplePipelinesAndPolicyAreValid() throws Exception {
        Path repo = Path.of(System.getProperty("driftwatch.repo"));
        tools.jackson.dataformat.yaml.YAMLMapper yaml = new tools.jackson.dataformat.yaml.YAMLMapper();
        JsonNode gha = yaml.readTree(repo.resolve("examples/ci/github-actions.yml").toFile());
        assertThat(gha.get("jobs").get("drift-gate").get("steps").toString()).contains("driftwatch.jar check", "--junit");
        JsonNode gitlab = yaml.readTree(repo.resolve("examples/ci/gitlab-ci.yml").toFile());
        assertThat(gitlab.get("drift-gate").get("artifacts").get("reports").get("junit").asString())
                .isEqualTo("reports/driftwatch.xml");
        assertThat(java.nio.file.Files.readString(repo.resolve("examples/ci/Jenkinsfile")))
                .contains("junit testResults: 'reports/driftwatch.xml'", "driftwatch.jar check");
        Random r = new Random(9);
        List<String> ref = new ArrayList<>(List.of("income,plan"));
        List<String> cur = new ArrayList<>(List.of("income,plan"));
        for (int i = 0; i < 3000; i++) {
            ref.add((50 + 10 * r.nextGaussian()) + "," + (r.nextBoolean() ? "a" : "b"));
            if (i < 2000) {
                cur.add((50 + 10 * r.nextGaussian()) + "," + (r.nextBoolean() ? "a" : "b"));
            }
        }
        Fixtures.writeLines(dir.resolve("ref.csv"), ref);
        Fixtures.writeLines(dir.resolve("cur.csv"), cur);
        Console c = check(dir.resolve("ref.csv"), dir.resolve("cur.csv"), "--policy",
                repo.resolve("examples/ci/release-policy.yaml").toString());
        assertThat(c.status()).as(c.out() + c.err()).isZero();
        assertThat(c.out()).contains("PASS").contains("NegativeIncome on income");
    }
}
