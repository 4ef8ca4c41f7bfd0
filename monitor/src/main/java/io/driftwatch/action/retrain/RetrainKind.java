package io.driftwatch.action.retrain;

import io.driftwatch.config.ActionConfig;
import io.driftwatch.config.ConfigNode;
import java.nio.file.Path;
import java.util.List;

/**
 * One kind of retraining run: its name in {@code retrain.kind}, how its block is read, and the
 * {@link RetrainTrigger} it builds. A new kind is one file here (its trigger, with its config record and
 * this kind nested), one line in {@link RetrainStrategies#ALL}, and the Role rules for what it creates.
 */
public interface RetrainKind {

    String name();

    String description();

    Class<? extends ActionConfig.Retrain> configType();

    /** Reads the {@code retrain} block ({@code kind} and {@code on} are read already). */
    ActionConfig.Retrain parse(ConfigNode block, List<String> on, Path base);

    RetrainTrigger create(String namespace, ActionConfig.Retrain config);
}
