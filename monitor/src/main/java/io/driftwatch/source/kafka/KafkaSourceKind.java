package io.driftwatch.source.kafka;

import io.driftwatch.config.ConfigNode;
import io.driftwatch.config.FieldMapping;
import io.driftwatch.config.SourceConfig;
import io.driftwatch.source.PredictionSource;
import io.driftwatch.source.SourceKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code type: kafka}: {@code bootstrap_servers}, {@code topic}; {@code protocol}, {@code ca_file},
 * {@code sasl: {mechanism, username_env, password_env | password_file}}.
 */
public final class KafkaSourceKind implements SourceKind {
    static final List<String> PROTOCOLS = List.of("PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL");
    static final List<String> MECHANISMS = List.of("PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512");

    @Override
    public String type() {
        return KafkaSourceConfig.TYPE;
    }

    @Override
    public String description() {
        return "a Kafka topic of prediction records (any shape the log reader takes), read by time without a consumer group";
    }

    @Override
    public Class<KafkaSourceConfig> configType() {
        return KafkaSourceConfig.class;
    }

    @Override
    public SourceConfig parse(ConfigNode n, Path base, FieldMapping fields, String modelValue) {
        String servers = n.requiredString("bootstrap_servers");
        String topic = n.requiredString("topic");
        n.values("protocol", PROTOCOLS);
        String protocol = n.string("protocol").orElse("PLAINTEXT");
        if (!PROTOCOLS.contains(protocol)) {
            n.error("protocol", "unknown protocol '" + protocol + "'; one of " + PROTOCOLS);
        }
        Path ca = n.string("ca_file").map(base::resolve).orElse(null);
        if (ca != null && !Files.isReadable(ca)) {
            n.error("ca_file", "cannot read " + ca);
        }
        String mechanism = null;
        String userEnv = null;
        String passEnv = null;
        Path passFile = null;
        var sasl = n.map("sasl");
        if (sasl.isPresent()) {
            ConfigNode s = sasl.get();
            s.values("mechanism", MECHANISMS);
            mechanism = s.string("mechanism").orElse("PLAIN");
            if (!MECHANISMS.contains(mechanism)) {
                s.error("mechanism", "unknown SASL mechanism '" + mechanism + "'; one of " + MECHANISMS);
            }
            userEnv = s.secretEnv("username_env", "source kafka").orElse(null);
            passEnv = s.secretEnv("password_env", "source kafka").orElse(null);
            passFile = s.string("password_file").map(base::resolve).orElse(null);
            if (userEnv == null || (passEnv == null) == (passFile == null)) {
                s.error("username_env", "SASL needs username_env and one of password_env or password_file");
            }
            s.finish();
            if (!protocol.startsWith("SASL_")) {
                n.error("protocol", "sasl is set: the protocol is SASL_SSL or SASL_PLAINTEXT, not " + protocol);
            }
        }
        return new KafkaSourceConfig(servers, topic, protocol, ca, mechanism, userEnv, passEnv, passFile, fields, modelValue);
    }

    @Override
    public PredictionSource open(SourceConfig config) {
        return new KafkaSource((KafkaSourceConfig) config);
    }
}
