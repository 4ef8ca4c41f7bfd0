package io.driftwatch.config;

import java.nio.file.Path;
import java.util.List;

/**
 * The retraining kinds the configuration may name, provided by the action stage (its registry) so that
 * the configuration names none of them itself.
 */
public interface RetrainKinds {

    List<String> names();

    /** Reads a {@code retrain} block of the named kind ({@code kind} and {@code on} are read already). */
    ActionConfig.Retrain parse(String kind, ConfigNode block, List<String> on, Path base);
}
