package io.driftwatch.source;

import io.driftwatch.config.ConfigNode;
import io.driftwatch.config.FieldMapping;
import io.driftwatch.config.SourceConfig;
import io.driftwatch.config.SourceKinds;
import io.driftwatch.source.elasticsearch.ElasticsearchSourceKind;
import io.driftwatch.source.file.FileSourceKind;
import java.nio.file.Path;
import java.util.List;

/** The source types, one registration line each; the first is the default {@code source.type}. */
public final class SourceTypes {
    public static final List<SourceKind> ALL = List.of(
            new FileSourceKind(),
            new ElasticsearchSourceKind(),
            new io.driftwatch.source.store.StoreSourceKind(),
            new io.driftwatch.source.kafka.KafkaSourceKind());

    /** The registry as the configuration parser sees it. */
    public static final SourceKinds REGISTRY = new SourceKinds() {
        @Override
        public List<String> types() {
            return ALL.stream().map(SourceKind::type).toList();
        }

        @Override
        public SourceConfig parse(String type, ConfigNode block, Path base, FieldMapping fields, String modelValue) {
            return kind(type).parse(block, base, fields, modelValue);
        }
    };

    private SourceTypes() {
    }

    static SourceKind kind(String type) {
        return ALL.stream().filter(k -> k.type().equals(type)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no source type " + type));
    }

    /** Opens the source a configuration describes, by the kind that parsed it. */
    public static PredictionSource open(SourceConfig config) throws SourceException {
        return kind(config.type()).open(config);
    }

    /** The same, in the daemon, where the store is at hand. */
    public static PredictionSource open(SourceConfig config, io.driftwatch.store.Database db) throws SourceException {
        return kind(config.type()).open(config, db);
    }
}
