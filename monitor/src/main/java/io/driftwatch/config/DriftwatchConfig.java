package io.driftwatch.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The main configuration file, parsed and checked; rule and routing files are named here. {@code watch}: how
 * often the files are checked for a change that reloads them ({@code config.watch}), or null.
 */
public record DriftwatchConfig(Path file, StoreConfig store, HttpConfig http, DriftPolicyConfig drift,
                               List<ModelConfig> models, List<Path> ruleFiles, Path routingFile,
                               PrometheusConfig prometheus, KubernetesConfig kubernetes, java.time.Duration watch) {
    public DriftwatchConfig {
        models = List.copyOf(models);
        ruleFiles = List.copyOf(ruleFiles);
    }

    public Optional<ModelConfig> model(String name) {
        return models.stream().filter(m -> m.name().equals(name)).findFirst();
    }
}
