package io.driftwatch.repo;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.driftwatch.alert.RoutingParser;
import io.driftwatch.app.ConfigSchemas;
import io.driftwatch.app.ConfigurationLoader;
import io.driftwatch.config.ConfigError;
import io.driftwatch.config.ConfigErrors;
import io.driftwatch.config.ConfigParser;
import io.driftwatch.demo.DemoSetup;
import io.driftwatch.drift.TestRegistry;
import io.driftwatch.support.Console;
import io.driftwatch.util.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The JSON Schemas of {@code schemas/} are what the parser records ({@code driftwatch config schema}); every
 * configuration, rule and routing file the repository ships, and each such block of README, passes them; the
 * examples name them in a yaml-language-server modeline; and a file with a mistake fails the schema where the
 * parser fails it.
 */
class ConfigSchemaTest {
    private static final Path REPO = Path.of(System.getProperty("driftwatch.repo"));
    private static final Pattern MODELINE = Pattern.compile("(?m)^# yaml-language-server: \\$schema=(\\S+)$");
    private static final Map<ConfigSchemas.Kind, Schema> SCHEMAS = new EnumMap<>(ConfigSchemas.Kind.class);

    @TempDir
    Path dir;

    @BeforeAll
    static void load() throws Exception {
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
        for (ConfigSchemas.Kind kind : ConfigSchemas.Kind.values()) {
            SCHEMAS.put(kind, registry.getSchema(Files.readString(schemaFile(kind)), InputFormat.JSON));
        }
    }

    private static Path schemaFile(ConfigSchemas.Kind kind) {
        return REPO.resolve("schemas/" + kind.name().toLowerCase(Locale.ROOT) + ".schema.json").normalize();
    }

    @Test
    void theCommittedSchemasAreWhatTheParserRecords() throws Exception {
        Console c = Console.run("config", "schema", "--out", dir.toString());
        assertThat(c.status()).as(c.err()).isZero();
        for (ConfigSchemas.Kind kind : ConfigSchemas.Kind.values()) {
            assertThat(schemaFile(kind)).as("schemas/ is stale: run `driftwatch config schema --out schemas`")
                    .hasSameTextualContentAs(dir.resolve(schemaFile(kind).getFileName()));
        }
        Console routing = Console.run("config", "schema", "--file", "routing");
        assertThat(routing.out()).isEqualTo(Files.readString(schemaFile(ConfigSchemas.Kind.ROUTING)));
        assertThat(Console.run("config", "schema", "--file", "alerts").err())
                .contains("--file is driftwatch, rules or routing, not 'alerts'");
    }

    @Test
    void theSchemaKnowsEveryBlockTheParserReads() throws Exception {
        var tree = Json.MAPPER.readTree(Files.readString(schemaFile(ConfigSchemas.Kind.DRIFTWATCH)));
        var model = tree.at("/properties/models/items/properties");
        assertThat(model.at("/source/properties/type/enum").toString())
                .isEqualTo("[\"file\",\"elasticsearch\",\"store\",\"kafka\"]");
        assertThat(model.at("/source/properties/sasl/properties/mechanism/enum").size()).isEqualTo(3);
        assertThat(model.at("/actions/properties/rollback/properties/stable_host/type").asString()).isEqualTo("string");
        assertThat(model.at("/actions/properties/retrain/required").toString()).isEqualTo("[\"kind\"]");
        assertThat(model.at("/reference/properties/range/required").toString()).isEqualTo("[\"from\",\"to\"]");
        assertThat(model.at("/features/items/properties/field/anyOf").size()).isEqualTo(2);
        assertThat(tree.at("/properties/drift/properties/thresholds/additionalProperties/type").asString())
                .isEqualTo("number");
        var routing = Json.MAPPER.readTree(Files.readString(schemaFile(ConfigSchemas.Kind.ROUTING)));
        assertThat(routing.at("/$defs/route_routes/properties/routes/items/$ref").asString())
                .isEqualTo("#/$defs/route_routes");
    }

    /** A ModelMonitor's spec is a model's block (its name is the resource's) plus its rules: the same keys. */
    @Test
    void theModelMonitorResourceTakesTheKeysOfAModel() throws Exception {
        var crd = new tools.jackson.dataformat.yaml.YAMLMapper().readTree(REPO.resolve("k8s/crds/modelmonitor.yaml").toFile());
        var spec = crd.at("/spec/versions/0/schema/openAPIV3Schema/properties/spec/properties");
        var model = Json.MAPPER.readTree(Files.readString(schemaFile(ConfigSchemas.Kind.DRIFTWATCH)))
                .at("/properties/models/items/properties");
        List<String> specKeys = new ArrayList<>(spec.propertyNames());
        List<String> modelKeys = new ArrayList<>(model.propertyNames());
        modelKeys.remove("name");
        specKeys.remove("rules");
        assertThat(specKeys).containsExactlyInAnyOrderElementsOf(modelKeys);
    }

    /** The files the repository ships, each with the schema it must pass. */
    static Stream<Object[]> shippedFiles() throws Exception {
        List<Object[]> out = new ArrayList<>();
        out.add(new Object[] {"k8s/driftwatch.yaml", ConfigSchemas.Kind.DRIFTWATCH});
        out.add(new Object[] {"charts/driftwatch/files/driftwatch.yaml", ConfigSchemas.Kind.DRIFTWATCH});
        for (String f : List.of("k8s/config/drift-rules.yaml", "examples/ci/release-policy.yaml",
                "charts/driftwatch/files/rules.yaml")) {
            out.add(new Object[] {f, ConfigSchemas.Kind.RULES});
        }
        for (String f : List.of("k8s/config/routing.yaml", "charts/driftwatch/files/routing.yaml")) {
            out.add(new Object[] {f, ConfigSchemas.Kind.ROUTING});
        }
        for (String folder : List.of("rules", "rules/examples", "alerts", "alerts/examples")) {
            try (Stream<Path> files = Files.list(REPO.resolve(folder))) {
                files.filter(p -> p.toString().endsWith(".yaml")).sorted().forEach(p -> out.add(new Object[] {
                        REPO.relativize(p).toString(),
                        folder.startsWith("rules") ? ConfigSchemas.Kind.RULES : ConfigSchemas.Kind.ROUTING}));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shippedFiles")
    void everyShippedFilePassesItsSchema(String file, ConfigSchemas.Kind kind) throws Exception {
        assertThat(problems(kind, Files.readString(REPO.resolve(file)))).as(file).isEmpty();
    }

    /** The files a user edits (the chart's are copies of k8s/'s, HelmChartTest). */
    static Stream<Object[]> editedFiles() throws Exception {
        return shippedFiles().filter(f -> !((String) f[0]).startsWith("charts/"));
    }

    /** Each names its schema in a modeline, by a path that leads to it. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("editedFiles")
    void theExamplesNameTheirSchemaInAModeline(String file, ConfigSchemas.Kind kind) throws Exception {
        Matcher m = MODELINE.matcher(Files.readString(REPO.resolve(file)));
        assertThat(m.find()).as(file + " has no yaml-language-server modeline").isTrue();
        assertThat(REPO.resolve(file).getParent().resolve(m.group(1)).normalize()).isEqualTo(schemaFile(kind));
    }

    @Test
    void theDemoConfigurationPassesTheSchema() throws Exception {
        Path config = DemoSetup.write(dir, 8080, "5s", "1m");
        assertThat(problems(ConfigSchemas.Kind.DRIFTWATCH, Files.readString(config))).isEmpty();
    }

    /** Every configuration block of README passes: whole files, model blocks, rule lists, routing trees. */
    @Test
    void readmesBlocksPassTheSchemas() throws Exception {
        String readme = Files.readString(REPO.resolve("README.md"));
        Matcher m = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL).matcher(readme);
        int checked = 0;
        while (m.find()) {
            String block = m.group(1);
            String first = block.substring(0, block.indexOf('\n'));
            ConfigSchemas.Kind kind = null;
            if (first.startsWith("# driftwatch.yaml") || first.equals("models:")) {
                kind = ConfigSchemas.Kind.DRIFTWATCH;
            } else if (first.equals("# rules.yaml") || first.equals("rules:")) {
                kind = ConfigSchemas.Kind.RULES;
            } else if (first.startsWith("  - name:")) {
                kind = ConfigSchemas.Kind.RULES;
                block = "rules:\n" + block;
            } else if (first.equals("# alerts.yaml") || first.equals("route:")) {
                kind = ConfigSchemas.Kind.ROUTING;
            } else if (first.equals("    actions:")) {
                kind = ConfigSchemas.Kind.DRIFTWATCH;
                block = "models:\n  - name: m\n    source: {path: x}\n    reference: {file: r}\n" + block;
            }
            if (kind != null) {
                assertThat(problems(kind, block)).as(block).isEmpty();
                checked++;
            }
        }
        assertThat(checked).isGreaterThanOrEqualTo(10);
    }

    /** A mistake, where the schema and the parser both report it. */
    record Mistake(ConfigSchemas.Kind kind, String yaml, String keyPath, String schemaPath) {
        @Override
        public String toString() {
            return keyPath;
        }
    }

    static Stream<Mistake> mistakes() {
        String model = "models:\n  - name: m\n    source: {path: logs/x.jsonl}\n    reference: {file: ref.jsonl}\n";
        return Stream.of(
                new Mistake(ConfigSchemas.Kind.DRIFTWATCH, "stroe: {path: x}\n" + model, "stroe", "$"),
                new Mistake(ConfigSchemas.Kind.DRIFTWATCH, "http: {port: eighty}\n" + model, "http.port", "$.http.port"),
                new Mistake(ConfigSchemas.Kind.DRIFTWATCH, "store: {retention: {evaluations: 5 minutes}}\n" + model,
                        "store.retention.evaluations", "$.store.retention.evaluations"),
                new Mistake(ConfigSchemas.Kind.DRIFTWATCH, model.replace("{path: logs/x.jsonl}", "{type: s3, path: x}"),
                        "models[0].source.type", "$.models[0].source.type"),
                new Mistake(ConfigSchemas.Kind.DRIFTWATCH, model + "    features:\n      - name: age\n",
                        "models[0].features[0].type", "$.models[0].features[0]"),
                new Mistake(ConfigSchemas.Kind.DRIFTWATCH, model.replace("    reference: {file: ref.jsonl}\n", ""),
                        "models[0].reference", "$.models[0]"),
                new Mistake(ConfigSchemas.Kind.DRIFTWATCH, model + "    actions: {namespace: ml, rollback: {strategy: undo}}\n",
                        "models[0].actions.rollback.strategy", "$.models[0].actions.rollback.strategy"),
                new Mistake(ConfigSchemas.Kind.RULES, "rules:\n  - name: r\n    expr: psi > 0.2\n    severity: urgent\n",
                        "rules[0].severity", "$.rules[0].severity"),
                new Mistake(ConfigSchemas.Kind.RULES, "rules:\n  - name: r\n    expr: psi > 0.2\n    for: soon\n",
                        "rules[0].for", "$.rules[0].for"),
                new Mistake(ConfigSchemas.Kind.ROUTING, "route: {receiver: r, group_wait: fast}\nreceivers:\n"
                        + "  - name: r\n    console: {}\n", "route.group_wait", "$.route.group_wait"),
                new Mistake(ConfigSchemas.Kind.ROUTING, "route: {receiver: r}\nreceivers:\n  - name: r\n"
                        + "    webhook: {url: http://127.0.0.1:9/x, retries: 3}\n",
                        "receivers[0].webhook.retries", "$.receivers[0].webhook"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mistakes")
    void aMistakeFailsTheSchemaWhereTheParserFailsIt(Mistake mistake) throws Exception {
        assertThat(problems(mistake.kind(), mistake.yaml())).as(mistake.yaml())
                .anySatisfy(e -> assertThat(e.getInstanceLocation().toString()).isEqualTo(mistake.schemaPath()
                        .replaceFirst("^\\$", "").replace('.', '/').replaceAll("\\[(\\d+)]", "/$1")));
        assertThat(parserErrors(mistake.kind(), mistake.yaml())).extracting(ConfigError::keyPath)
                .contains(mistake.keyPath());
    }

    private static List<Error> problems(ConfigSchemas.Kind kind, String yaml) {
        return SCHEMAS.get(kind).validate(yaml, InputFormat.YAML);
    }

    private List<ConfigError> parserErrors(ConfigSchemas.Kind kind, String yaml) throws Exception {
        Path f = dir.resolve("file.yaml");
        Files.writeString(f, yaml);
        ConfigErrors errors = new ConfigErrors();
        TestRegistry registry = TestRegistry.standard();
        switch (kind) {
            case DRIFTWATCH -> ConfigParser.parse(f, ConfigurationLoader.extensions(registry), errors);
            case RULES -> ConfigurationLoader.ruleParser(registry).parse(f, "rules.yaml", errors);
            case ROUTING -> new RoutingParser().parse(f, "routing.yaml", errors);
        }
        return errors.list();
    }
}
