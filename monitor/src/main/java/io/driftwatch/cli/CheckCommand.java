package io.driftwatch.cli;

import io.driftwatch.config.ConfigErrors;
import io.driftwatch.drift.TestRegistry;
import io.driftwatch.rules.Rule;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The CI gate: the drift tests and a policy's rules on two files, with an exit status a pipeline acts
 * on (0 pass, 1 fail, 2 bad input) and a JUnit report CI systems display.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Gate a pipeline on two files: drift tests, then the policy's rules (the rules/*.yaml syntax,",
                "integrity.* checks included). Without --policy, any drifted feature fails.",
                "Exit 0 pass, 1 fail (or inconclusive, unless --inconclusive pass), 2 bad input."})
public final class CheckCommand implements Callable<Integer> {
    static final int FAIL = 1;
    /** Model-level signals that need the daemon (labels, a second version, pods, a PCA or CBPE block). */
    static final java.util.Set<String> UNCOMPUTED = java.util.Set.of("quality", "comparison", "health", "multivariate",
            "estimated");

    @Mixin
    private DriftInputs inputs;

    @Option(names = "--policy", description = "Rules file (rules/*.yaml syntax) whose rules decide; default: no drifted feature.")
    private Path policy;

    @Option(names = "--inconclusive", defaultValue = "fail",
            description = "What an inconclusive outcome means: pass or fail (default: ${DEFAULT-VALUE}).")
    private String inconclusive;

    @Option(names = "--junit", description = "Also write a JUnit XML report here (a testsuite per check group).")
    private Path junit;

    @Mixin
    private ReportOptions report;

    @Override
    public Integer call() {
        TestRegistry registry = TestRegistry.standard();
        String problem = problem(registry);
        if (problem != null) {
            System.err.println("driftwatch check: " + problem);
            return DriftCommand.BAD_INPUT;
        }
        try {
            List<Rule> rules = policy == null ? List.of() : rules(registry);
            String[] mode = new String[1];
            TableDrift.Result result = inputs.compare(registry, mode);
            CheckResult checked = CheckResult.of(result, rules, policy == null ? null : policy.toString());
            String text = switch (report.format) {
                case "json" -> CheckOutput.json(checked, result, mode[0]);
                case "html" -> CheckOutput.html(checked, result, mode[0], inputs.reference(), inputs.current());
                default -> CheckOutput.table(checked);
            };
            report.emit("check", text);
            if (junit != null) {
                ReportOptions.write(junit, JunitReport.xml(checked, inputs.reference(), inputs.current()));
            }
            return switch (checked.verdict()) {
                case PASS -> 0;
                case FAIL -> FAIL;
                case INCONCLUSIVE -> "pass".equals(inconclusive) ? 0 : FAIL;
            };
        } catch (BadInput e) {
            System.err.println("driftwatch check: " + e.getMessage());
            return DriftCommand.BAD_INPUT;
        }
    }

    private String problem(TestRegistry registry) {
        String p = inputs.problem(registry);
        if (p == null) {
            p = report.problem();
        }
        if (p == null && !List.of("pass", "fail").contains(inconclusive)) {
            p = "--inconclusive must be pass or fail, not '" + inconclusive + "'";
        }
        return p;
    }

    /** The policy's drift rules; its mistakes are bad input, each with its file:line:column. */
    private List<Rule> rules(TestRegistry registry) throws BadInput {
        ConfigErrors errors = new ConfigErrors();
        List<Rule> rules = io.driftwatch.app.ConfigurationLoader.ruleParser(registry)
                .parse(policy.toAbsolutePath(), policy.toString(), errors);
        if (!errors.isEmpty()) {
            throw new BadInput(String.join("\n", errors.list().stream().map(Object::toString).toList()));
        }
        List<Rule> promql = rules.stream().filter(Rule::isPromql).toList();
        if (!promql.isEmpty()) {
            throw new BadInput(policy + ": rule '" + promql.get(0).name() + "' queries Prometheus; a check reads "
                    + "only the two files");
        }
        if (rules.isEmpty()) {
            throw new BadInput(policy + ": has no rules");
        }
        for (Rule r : rules) {
            if (UNCOMPUTED.contains(r.expr().metric())) {
                throw new BadInput(r.location() + ": rule '" + r.name() + "' reads " + r.expr().metric() + ".*, which a "
                        + "check of two files does not compute (it could never be evaluated); a check reads drift tests, "
                        + "drifted_features, drift_share, integrity.* and data.*");
            }
        }
        return rules;
    }
}
