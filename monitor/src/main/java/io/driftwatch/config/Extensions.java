package io.driftwatch.config;

/**
 * What the configuration cannot know by itself, handed in by the composition root from the stages'
 * registries: which tests apply to which feature types, the source types, the rollback strategies, the retraining kinds.
 */
public record Extensions(ConfigParser.TestCheck tests, SourceKinds sources, RollbackKinds rollbacks,
                         RetrainKinds retrains) {
}
