package io.driftwatch.repo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.driftwatch.action.rollback.RollbackKind;
import io.driftwatch.action.rollback.RollbackStrategies;
import io.driftwatch.alert.RoutingParser;
import io.driftwatch.alert.notify.ReceiverKind;
import io.driftwatch.alert.notify.Receivers;
import io.driftwatch.app.ConfigurationLoader;
import io.driftwatch.config.ConfigError;
import io.driftwatch.config.ConfigErrors;
import io.driftwatch.config.ConfigException;
import io.driftwatch.drift.DriftTest;
import io.driftwatch.drift.TestRegistry;
import io.driftwatch.source.SourceKind;
import io.driftwatch.source.SourceTypes;
import io.driftwatch.support.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind registered in a stage's registry is documented in README's "Extending Driftwatch" tables,
 * and its configuration block is validated: an unknown key in it is an error at that key.
 */
class RegistriesTest {
    private static final Path REPO = Path.of(System.getProperty("driftwatch.repo"));

    @TempDir
    Path dir;

    private static String extending() throws Exception {
        String readme = Files.readString(REPO.resolve("README.md"));
        return readme.substring(readme.indexOf("## Extending Driftwatch"), readme.indexOf("## Layout"));
    }

    private static void documented(List<String> names) throws Exception {
        String section = extending();
        for (String n : names) {
            assertThat(section).as("README lists " + n).contains("| `" + n + "` |");
        }
    }

    private List<ConfigError> errors(Path cfg) {
        return catchThrowableOfType(ConfigException.class,
                () -> new ConfigurationLoader(TestRegistry.standard(), v -> "set").load(cfg)).errors();
    }

    private Path config() {
        Path cfg = Fixtures.config(dir, "1m", "alerts.jsonl");
        Fixtures.writeLines(dir.resolve("reference/m.jsonl"), Fixtures.lines(200, 0, Instant.now(), 1));
        Fixtures.write(dir.resolve("logs/.keep"), "");
        return cfg;
    }

    @Test
    void everyReceiverIsDocumentedAndItsBlockValidated() throws Exception {
        documented(Receivers.ALL.stream().map(ReceiverKind::key).toList());
        for (ReceiverKind k : Receivers.ALL) {
            Path routing = Fixtures.write(dir.resolve("routing-" + k.key() + ".yaml"),
                    "route: {receiver: r}\nreceivers:\n  - name: r\n    " + k.key() + ": {bogus_key: 1}\n");
            ConfigErrors errors = new ConfigErrors();
            new RoutingParser().parse(routing, routing.getFileName().toString(), errors);
            assertThat(errors.list()).as(k.key()).anySatisfy(e -> {
                assertThat(e.keyPath()).isEqualTo("receivers[0]." + k.key() + ".bogus_key");
                assertThat(e.message()).startsWith("unknown key");
                assertThat(e.location().line()).isEqualTo(4);
            });
            assertThat(k.description()).isNotBlank();
        }
    }

    @Test
    void everySourceTypeIsDocumentedAndItsBlockValidated() throws Exception {
        documented(SourceTypes.ALL.stream().map(SourceKind::type).toList());
        for (SourceKind k : SourceTypes.ALL) {
            Path cfg = config();
            Files.writeString(cfg, Files.readString(cfg).replace("      path: logs/m.jsonl*\n",
                    "      type: " + k.type() + "\n      bogus_key: 1\n"));
            assertThat(errors(cfg)).as(k.type()).anySatisfy(e -> {
                assertThat(e.keyPath()).isEqualTo("models[0].source.bogus_key");
                assertThat(e.message()).startsWith("unknown key");
            });
        }
    }

    @Test
    void everyTestIsDocumentedAndItsSettingsValidated() throws Exception {
        documented(TestRegistry.standard().names());
        for (String name : TestRegistry.standard().names()) {
            DriftTest t = TestRegistry.standard().byName(name).orElseThrow();
            Path cfg = config();
            Files.writeString(cfg, Files.readString(cfg) + "drift:\n  thresholds: {" + name + ": 0.3}\n");
            boolean hasThreshold = t.defaults().threshold() != null;
            if (hasThreshold) {
                assertThat(new ConfigurationLoader(TestRegistry.standard()).load(cfg).main().drift().thresholds())
                        .containsEntry(name, 0.3);
            } else {
                assertThat(errors(cfg)).as(name).singleElement()
                        .satisfies(e -> assertThat(e.keyPath()).isEqualTo("drift.thresholds." + name));
            }
            assertThat(t.defaults().types()).as(name + " applies to some type").isNotEmpty();
        }
    }

    @Test
    void everyRetrainingKindIsDocumentedAndItsBlockValidated() throws Exception {
        documented(io.driftwatch.action.retrain.RetrainStrategies.ALL.stream()
                .map(io.driftwatch.action.retrain.RetrainKind::name).toList());
        for (var k : io.driftwatch.action.retrain.RetrainStrategies.ALL) {
            Path cfg = config();
            Files.writeString(cfg, Files.readString(cfg) + "    actions:\n      namespace: ml\n      retrain:\n"
                    + "        kind: " + k.name() + "\n        on: [XShift]\n        bogus_key: 1\n");
            assertThat(errors(cfg)).as(k.name()).anySatisfy(e -> {
                assertThat(e.keyPath()).isEqualTo("models[0].actions.retrain.bogus_key");
                assertThat(e.message()).startsWith("unknown key");
            });
        }
    }

    @Test
    void everyRollbackStrategyIsDocumentedAndItsBlockValidated() throws Exception {
        documented(RollbackStrategies.ALL.stream().map(RollbackKind::name).toList());
        for (RollbackKind k : RollbackStrategies.ALL) {
            Path cfg = config();
            Files.writeString(cfg, Files.readString(cfg) + "    actions:\n      namespace: ml\n      rollback:\n"
                    + "        strategy: " + k.name() + "\n        on: [XShift]\n        bogus_key: 1\n");
            assertThat(errors(cfg)).as(k.name()).anySatisfy(e -> {
                assertThat(e.keyPath()).isEqualTo("models[0].actions.rollback.bogus_key");
                assertThat(e.message()).startsWith("unknown key");
            });
        }
    }
}
