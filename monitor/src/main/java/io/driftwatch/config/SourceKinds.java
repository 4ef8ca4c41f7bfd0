package io.driftwatch.config;

import java.nio.file.Path;
import java.util.List;

/**
 * The source types the configuration may name, provided by the source stage (its registry) so that the
 * configuration, the ground floor, needs to know none of them.
 */
public interface SourceKinds {

    /** The values {@code source.type} may take; the first is the default. */
    List<String> types();

    /** Reads a model's source block of the given type; errors go through the node with their location. */
    SourceConfig parse(String type, ConfigNode block, Path base, FieldMapping fields, String modelValue);
}
