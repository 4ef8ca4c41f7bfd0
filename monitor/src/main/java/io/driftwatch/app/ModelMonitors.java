package io.driftwatch.app;

import io.driftwatch.config.ConfigError;
import io.driftwatch.config.ConfigException;
import io.driftwatch.config.DriftwatchConfig;
import io.driftwatch.config.ModelConfig;
import io.driftwatch.drift.TestRegistry;
import io.driftwatch.rules.Rule;
import io.driftwatch.util.Json;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ModelMonitor resources (driftwatch.io/v1alpha1): each is a model block plus its rules, in a namespace.
 * Watched with an informer; each version (generation) is validated by the same parser as driftwatch.yaml,
 * and the outcome is the {@code Ready} condition (with the field path of a bad value, {@code spec.window}).
 * Valid monitors are evaluated beside the configured models as {@code <namespace>.<name>}: an applied one
 * within seconds, a change rewires it, a delete stops it. A monitor acts only in its own namespace.
 */
final class ModelMonitors implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ModelMonitors.class);
    static final ResourceDefinitionContext CRD = new ResourceDefinitionContext.Builder().withGroup("driftwatch.io")
            .withVersion("v1alpha1").withPlural("modelmonitors").withKind("ModelMonitor").withNamespaced(true).build();

    /** A valid monitor's model and rules. */
    record Monitor(String namespace, String name, ModelConfig model, List<Rule> rules) {
    }

    private final KubernetesClient kube;
    private final Runnable changed;
    private final Clock clock;
    private final Map<String, Monitor> valid = new ConcurrentHashMap<>();
    private final Map<String, Long> seen = new ConcurrentHashMap<>();
    private SharedIndexInformer<GenericKubernetesResource> informer;
    private volatile Path routing;

    ModelMonitors(KubernetesClient kube, Path routing, Runnable changed, Clock clock) {
        this.kube = kube;
        this.routing = routing;
        this.changed = changed;
        this.clock = clock;
    }

    void start() {
        informer = kube.genericKubernetesResources(CRD).inAnyNamespace().inform(new ResourceEventHandler<>() {
            @Override
            public void onAdd(GenericKubernetesResource r) {
                upsert(r);
            }

            @Override
            public void onUpdate(GenericKubernetesResource old, GenericKubernetesResource r) {
                upsert(r);
            }

            @Override
            public void onDelete(GenericKubernetesResource r, boolean unknownFinalState) {
                String key = key(r);
                seen.remove(key);
                if (valid.remove(key) != null) {
                    LOG.info("ModelMonitor {} deleted: no longer evaluated", key);
                    changed.run();
                }
            }
        }, 0);
    }

    /** The configuration with the valid monitors' models and rules added. */
    Configuration merge(Configuration files) {
        routing = files.main().routingFile();
        List<ModelConfig> models = new ArrayList<>(files.main().models());
        List<Rule> rules = new ArrayList<>(files.rules());
        for (Monitor m : valid.values()) {
            if (files.main().model(m.model().name()).isEmpty()) {
                models.add(m.model());
                rules.addAll(m.rules());
            }
        }
        DriftwatchConfig f = files.main();
        return new Configuration(new DriftwatchConfig(f.file(), f.store(), f.http(), f.drift(), models, f.ruleFiles(),
                f.routingFile(), f.prometheus(), f.kubernetes(), f.watch()), rules, files.routing(), files.warnings());
    }

    /** The monitor a model name belongs to, if any. */
    Monitor monitor(String model) {
        return valid.values().stream().filter(m -> m.model().name().equals(model)).findFirst().orElse(null);
    }

    private static String key(GenericKubernetesResource r) {
        return r.getMetadata().getNamespace() + "/" + r.getMetadata().getName();
    }

    private void upsert(GenericKubernetesResource r) {
        String key = key(r);
        Long generation = r.getMetadata().getGeneration();
        if (generation != null && generation.equals(seen.get(key))) {
            return; // a status write, or a resync: the spec is what was already read
        }
        seen.put(key, generation == null ? 0L : generation);
        String ns = r.getMetadata().getNamespace();
        String model = ns + "." + r.getMetadata().getName();
        try {
            Configuration c = parse(r, model);
            valid.put(key, new Monitor(ns, r.getMetadata().getName(), c.main().models().get(0), c.rules()));
            ModelMonitorStatus.ready(kube, r, true, "Valid", "evaluated as model " + model, clock);
            LOG.info("ModelMonitor {} applied: evaluated as model {}", key, model);
        } catch (ConfigException e) {
            valid.remove(key);
            ModelMonitorStatus.ready(kube, r, false, "Invalid", String.join("; ", e.errors().stream()
                    .map(ModelMonitors::onSpec).toList()), clock);
            LOG.atWarn().log("ModelMonitor {} refused: {}", key, e.getMessage());
        } catch (IOException | RuntimeException e) {
            valid.remove(key);
            ModelMonitorStatus.ready(kube, r, false, "Invalid", String.valueOf(e.getMessage()), clock);
        }
        changed.run();
    }

    /** A parser error in the resource's words: {@code models[0].window} is {@code spec.window}. */
    private static String onSpec(ConfigError e) {
        String path = e.keyPath().replaceFirst("^models\\[0\\]\\.?", "spec.").replaceFirst("^rules\\[", "spec.rules[")
                .replaceFirst("^spec\\.$", "spec");
        return path + ": " + e.message();
    }

    /** The monitor as a one-model configuration, checked by the parser of driftwatch.yaml. */
    @SuppressWarnings("unchecked")
    private Configuration parse(GenericKubernetesResource r, String model) throws IOException {
        Map<String, Object> spec = new LinkedHashMap<>((Map<String, Object>) r.getAdditionalProperties().getOrDefault("spec",
                Map.of()));
        List<Object> rules = (List<Object>) spec.remove("rules");
        String ns = r.getMetadata().getNamespace();
        if (spec.get("actions") instanceof Map<?, ?> a) {
            Map<String, Object> actions = new LinkedHashMap<>((Map<String, Object>) a);
            Object asked = actions.get("namespace");
            if (asked != null && !ns.equals(asked)) {
                throw new ConfigException(List.of(new ConfigError(new io.driftwatch.config.Location("ModelMonitor " + ns + "/"
                        + r.getMetadata().getName(), 1, 1), "models[0].actions.namespace",
                        "a ModelMonitor acts only in its own namespace (" + ns + "), not " + asked)));
            }
            actions.put("namespace", ns);
            spec.put("actions", actions);
        }
        Map<String, Object> block = new LinkedHashMap<>();
        block.put("name", model);
        block.putAll(spec);
        Path dir = Files.createTempDirectory("modelmonitor");
        try {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("alerts", routing.toString());
            if (rules != null && !rules.isEmpty()) {
                List<Object> own = new ArrayList<>();
                for (Object o : rules) {
                    Map<String, Object> rule = new LinkedHashMap<>((Map<String, Object>) o);
                    rule.put("model", model);
                    own.add(rule);
                }
                Files.writeString(dir.resolve("rules.yaml"), Json.write(Map.of("rules", own)));
                doc.put("rules", List.of(dir.resolve("rules.yaml").toString()));
            }
            doc.put("models", List.of(block));
            Files.writeString(dir.resolve("driftwatch.yaml"), Json.write(doc));
            return new ConfigurationLoader(TestRegistry.standard()).load(dir.resolve("driftwatch.yaml"));
        } finally {
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.deleteIfExists(f);
                }
            }
            Files.deleteIfExists(dir);
        }
    }

    /** Reports an evaluation of a monitor's model in its status. */
    void evaluated(String model, io.driftwatch.evaluation.EvaluationRow row, List<String> firing) {
        Monitor m = monitor(model);
        if (m != null && row != null) {
            try {
                ModelMonitorStatus.evaluated(kube, m.namespace(), m.name(), row, firing);
            } catch (KubernetesClientException e) {
                LOG.atWarn().log("status of ModelMonitor {}/{} not written: {}", m.namespace(), m.name(), e.getMessage());
            }
        }
    }

    @Override
    public void close() {
        if (informer != null) {
            informer.close();
        }
    }
}
