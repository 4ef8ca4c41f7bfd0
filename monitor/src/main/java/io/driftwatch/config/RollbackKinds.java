package io.driftwatch.config;

import java.util.List;

/**
 * The rollback strategies the configuration may name, provided by the action stage (its registry) so
 * that the configuration names none of them itself.
 */
public interface RollbackKinds {

    List<String> names();

    /** Reads a {@code rollback} block of the named strategy ({@code strategy} and {@code on} are read already). */
    ActionConfig.Rollback parse(String strategy, ConfigNode block, List<String> on);
}
