package io.driftwatch.action.rollback;

import io.driftwatch.config.ActionConfig;

/** What every rollback kind declares the same way: its name, its description and its config record. */
abstract class BaseRollbackKind implements RollbackKind {
    private final String name;
    private final String description;
    private final Class<? extends ActionConfig.Rollback> configType;

    BaseRollbackKind(String name, String description, Class<? extends ActionConfig.Rollback> configType) {
        this.name = name;
        this.description = description;
        this.configType = configType;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String description() {
        return description;
    }

    @Override
    public final Class<? extends ActionConfig.Rollback> configType() {
        return configType;
    }
}
