package io.driftwatch.source.kafka;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.ByteBufferDeserializer;

/** The consumer settings of a Kafka source: assigned partitions (no group, no commits), TLS and SASL from the environment. */
final class KafkaClients {
    /** How long one client call may take before the source counts as unavailable. */
    static final int TIMEOUT_MS = 10_000;

    private KafkaClients() {
    }

    static Properties consumer(KafkaSourceConfig c, String clientId) throws IOException {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, c.bootstrapServers());
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "20000");
        p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Integer.toString(16 << 20));
        p.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Integer.toString(TIMEOUT_MS));
        p.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, Integer.toString(TIMEOUT_MS));
        p.put(ConsumerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "2000");
        // the values as the consumer read them, not copied (each record's buffer is its own)
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteBufferDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteBufferDeserializer.class.getName());
        p.put("security.protocol", c.protocol());
        if (c.caFile() != null) {
            p.put("ssl.truststore.type", "PEM");
            p.put("ssl.truststore.location", c.caFile().toString());
        }
        if (c.saslMechanism() != null) {
            p.put("sasl.mechanism", c.saslMechanism());
            String module = c.saslMechanism().equals("PLAIN") ? "org.apache.kafka.common.security.plain.PlainLoginModule"
                    : "org.apache.kafka.common.security.scram.ScramLoginModule";
            p.put("sasl.jaas.config", module + " required username=\"" + quote(secret(c.usernameEnv(), null))
                    + "\" password=\"" + quote(secret(c.passwordEnv(), c.passwordFile())) + "\";");
        }
        return p;
    }

    private static String secret(String env, java.nio.file.Path file) throws IOException {
        String v = env != null ? System.getenv(env) : Files.readString(file).strip();
        if (v == null || v.isEmpty()) {
            throw new IOException("the Kafka credential " + (env != null ? "variable " + env : "file " + file) + " is empty");
        }
        return v;
    }

    private static String quote(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
