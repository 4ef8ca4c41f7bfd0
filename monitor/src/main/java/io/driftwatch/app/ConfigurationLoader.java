package io.driftwatch.app;

import io.driftwatch.evaluation.ReferenceLoader;

import io.driftwatch.alert.Routing;
import io.driftwatch.alert.RoutingParser;
import io.driftwatch.config.ConfigErrors;
import io.driftwatch.config.ConfigException;
import io.driftwatch.config.ConfigParser;
import io.driftwatch.config.DriftwatchConfig;
import io.driftwatch.config.FeatureType;
import io.driftwatch.config.ModelConfig;
import io.driftwatch.config.ReferenceConfig;
import io.driftwatch.source.SourceTypes;
import io.driftwatch.action.retrain.RetrainStrategies;
import io.driftwatch.action.rollback.RollbackStrategies;
import io.driftwatch.config.Extensions;
import io.driftwatch.drift.DriftTest;
import io.driftwatch.drift.TestRegistry;
import io.driftwatch.rules.Rule;
import io.driftwatch.rules.RuleParser;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Loads the main file, every rule file and the routing file, checks the references between them, and
 * reports all errors of all files at once.
 */
public final class ConfigurationLoader {
    private final TestRegistry registry;
    private final java.util.function.UnaryOperator<String> env;

    public ConfigurationLoader(TestRegistry registry) {
        this(registry, System::getenv);
    }

    /** A loader that reads secrets' variables from {@code env} instead of the process environment. */
    public ConfigurationLoader(TestRegistry registry, java.util.function.UnaryOperator<String> env) {
        this.registry = registry;
        this.env = env;
    }

    public Configuration load(Path file) throws ConfigException {
        ConfigErrors errors = new ConfigErrors();
        Optional<DriftwatchConfig> main = ConfigParser.parse(file, extensions(registry), errors);
        if (main.isEmpty()) {
            errors.throwIfAny();
        }
        DriftwatchConfig cfg = main.orElseThrow();
        Path base = cfg.file().getParent();
        List<Rule> rules = new ArrayList<>();
        RuleParser ruleParser = ruleParser(registry);
        for (Path f : cfg.ruleFiles()) {
            rules.addAll(ruleParser.parse(f, display(base, f), errors));
        }
        checkRules(rules, cfg, errors);
        Routing routing = cfg.routingFile() == null ? null
                : new RoutingParser().parse(cfg.routingFile(), display(base, cfg.routingFile()), errors).orElse(null);
        checkReferences(cfg, errors);
        checkSecrets(errors);
        checkTestSettings(errors);
        errors.throwIfAny();
        return new Configuration(cfg, rules, routing, errors.warnings());
    }

    /** The rule parser that knows the registry's tests and which of them give p-values. */
    public static RuleParser ruleParser(TestRegistry registry) {
        return new RuleParser(name -> registry.byName(name).isPresent(), name -> registry.byName(name)
                .map(t -> t.defaults().kind() == io.driftwatch.drift.TestKind.P_VALUE).orElse(true));
    }

    /** What the configuration parser learns from the stages' registries. */
    public static Extensions extensions(TestRegistry registry) {
        return new Extensions((test, type) -> testProblem(registry, test, type), SourceTypes.REGISTRY,
                RollbackStrategies.REGISTRY, RetrainStrategies.REGISTRY);
    }

    private static String testProblem(TestRegistry registry, String test, FeatureType type) {
        Optional<DriftTest> t = registry.byName(test);
        if (t.isEmpty()) {
            return "unknown test '" + test + "'; available: " + registry.names();
        }
        return t.get().supports(io.driftwatch.evaluation.Columns.type(type)) ? null : "test '" + test + "' does not apply to " + type.label() + " features";
    }

    private static void checkRules(List<Rule> rules, DriftwatchConfig cfg, ConfigErrors errors) {
        Set<String> names = new HashSet<>();
        for (Rule r : rules) {
            if (!names.add(r.name())) {
                errors.add(r.location(), "rules[].name", "rule '" + r.name() + "' is defined more than once");
            }
            if (r.isPromql() && cfg.prometheus() == null) {
                errors.add(r.location(), "rules[].source", "rule '" + r.name() + "' queries Prometheus, but the "
                        + "configuration has no 'prometheus' section");
            }
            boolean anyModel = r.isPromql() || cfg.models().stream().map(ModelConfig::name).anyMatch(r::appliesToModel);
            if (!anyModel) {
                errors.add(r.location(), "rules[].model", "rule '" + r.name() + "' matches no configured model ('"
                        + r.model() + "')");
            } else if (!r.isPromql() && !anyFeature(r, cfg)) {
                errors.add(r.location(), "rules[].feature", "rule '" + r.name() + "': feature '" + r.feature()
                        + "' matches no feature of the models it applies to ('" + r.model() + "')");
            } else if (!r.isPromql()) {
                checkSignal(r, cfg, errors);
            }
        }
    }

    /** A rule on a model-level signal must apply to some model that computes it, or it never fires. */
    private static void checkSignal(Rule r, DriftwatchConfig cfg, ConfigErrors errors) {
        String metric = r.expr().metric();
        java.util.function.Predicate<ModelConfig> computes = switch (metric) {
            case "multivariate" -> m -> m.signals().multivariate().isPresent();
            case "estimated" -> m -> m.signals().estimated().isPresent();
            case "comparison" -> m -> m.compare().isPresent();
            case "health" -> m -> m.health().isPresent();
            default -> null;
        };
        if (computes != null && cfg.models().stream().filter(m -> r.appliesToModel(m.name())).noneMatch(computes)) {
            String block = switch (metric) {
                case "comparison" -> "compare:";
                case "health" -> "health:";
                default -> metric + ":";
            };
            errors.add(r.location(), "rules[].expr", "rule '" + r.name() + "' reads " + metric + ".* but no model it "
                    + "applies to ('" + r.model() + "') has a '" + block + "' block, so it could never be evaluated");
        }
    }

    private static boolean anyFeature(Rule r, DriftwatchConfig cfg) {
        return cfg.models().stream().filter(m -> r.appliesToModel(m.name()))
                .flatMap(m -> m.columns().stream()).anyMatch(c -> r.appliesToFeature(c.name()));
    }

    /** Per-test thresholds and floors must name a registered test that has such a setting. */
    private void checkTestSettings(ConfigErrors errors) {
        for (ConfigErrors.TestNamed t : errors.testSettings()) {
            Optional<DriftTest> test = registry.byName(t.test());
            if (test.isEmpty()) {
                errors.add(t.location(), t.keyPath(), "unknown test '" + t.test() + "'; available: " + registry.names());
            } else if (t.setting() == ConfigErrors.TestSetting.THRESHOLD && test.get().defaults().threshold() == null) {
                errors.add(t.location(), t.keyPath(), "'" + t.test() + "' gives a p-value, held to drift.fdr: it has no "
                        + "threshold of its own");
            } else if (t.setting() == ConfigErrors.TestSetting.FLOOR && test.get().defaults().floor() == null) {
                errors.add(t.location(), t.keyPath(), "'" + t.test() + "' is not an effect-size measure; floors apply to "
                        + registry.names().stream().filter(n -> registry.byName(n).get().defaults().floor() != null).toList());
            }
        }
    }

    /** Every secret named by an environment variable must be set: a missing one would fail at first use. */
    private void checkSecrets(ConfigErrors errors) {
        for (ConfigErrors.Secret s : errors.secrets()) {
            String v = env.apply(s.variable());
            if (v == null || v.isBlank()) {
                errors.add(s.location(), s.keyPath(), s.owner() + ": the environment variable " + s.variable()
                        + " is not set" + (v == null ? "" : " (it is empty)"));
            }
        }
    }

    /**
     * Each reference file is read now: one that cannot be used or has fewer usable rows than
     * {@code drift.min_samples} is an error, so it is never fitted and stored as an empty profile.
     */
    private static void checkReferences(DriftwatchConfig cfg, ConfigErrors errors) {
        for (ModelConfig m : cfg.models()) {
            if (!(m.reference() instanceof ReferenceConfig.FileReference f) || !java.nio.file.Files.isRegularFile(f.file())) {
                continue;
            }
            try {
                ReferenceLoader.Usable u = ReferenceLoader.usable(m, null);
                if (u.rows() < cfg.drift().minSamples()) {
                    errors.add(f.location(), "models[].reference.file", u.tooFew(m, cfg.drift().minSamples()));
                }
            } catch (ReferenceLoader.ReferenceException e) {
                errors.add(f.location(), "models[].reference.file", e.getMessage());
            }
        }
    }

    private static String display(Path base, Path f) {
        Path rel = base.relativize(f.toAbsolutePath().normalize());
        return rel.toString().startsWith("..") ? f.toString() : rel.toString();
    }
}
