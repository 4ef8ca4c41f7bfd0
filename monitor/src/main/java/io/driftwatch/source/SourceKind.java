package io.driftwatch.source;

import io.driftwatch.config.ConfigNode;
import io.driftwatch.config.FieldMapping;
import io.driftwatch.config.SourceConfig;
import java.nio.file.Path;

/**
 * One type of prediction source: the {@code source.type} that selects it, how its block is read, and
 * the source it opens. A new type is a folder under {@code source/} with its config record, its kind
 * and its {@link PredictionSource}, plus one line in {@link SourceTypes#ALL}.
 */
public interface SourceKind {

    String type();

    /** One line for README's source table. */
    String description();

    /** The record {@link #parse} returns. */
    Class<? extends SourceConfig> configType();

    /** Reads the model's source block (its {@code type}, {@code fields} and {@code model_value} are read already). */
    SourceConfig parse(ConfigNode block, Path base, FieldMapping fields, String modelValue);

    PredictionSource open(SourceConfig config) throws SourceException;

    /** Opens it where the daemon's store is at hand (a source kept in the store needs it); others ignore it. */
    default PredictionSource open(SourceConfig config, io.driftwatch.store.Database db) throws SourceException {
        return open(config);
    }
}
