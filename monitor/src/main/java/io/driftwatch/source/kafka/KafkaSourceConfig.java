package io.driftwatch.source.kafka;

import io.driftwatch.config.FieldMapping;
import io.driftwatch.config.SourceConfig;
import java.nio.file.Path;

/**
 * A Kafka topic of prediction records: the bootstrap servers, the topic, and how to connect: {@code protocol}
 * ({@code PLAINTEXT}, {@code SSL}, {@code SASL_PLAINTEXT}, {@code SASL_SSL}), a PEM CA bundle, and SASL
 * ({@code PLAIN}, {@code SCRAM-SHA-256}, {@code SCRAM-SHA-512}) credentials named by environment variables or
 * files, never written in the configuration.
 */
public record KafkaSourceConfig(String bootstrapServers, String topic, String protocol, Path caFile, String saslMechanism,
                                String usernameEnv, String passwordEnv, Path passwordFile, FieldMapping fields,
                                String modelValue) implements SourceConfig {
    public static final String TYPE = "kafka";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public SourceConfig withPredictionField(String field) {
        return new KafkaSourceConfig(bootstrapServers, topic, protocol, caFile, saslMechanism, usernameEnv, passwordEnv,
                passwordFile, fields.withPrediction(field), modelValue);
    }

    /** Where the source reads, for messages: never credentials. */
    public String where() {
        return "kafka topic " + topic + " at " + bootstrapServers;
    }
}
