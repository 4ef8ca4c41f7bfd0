package io.driftwatch.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftwatch.config.FieldMapping;
import io.driftwatch.config.SourceConfig;
import io.driftwatch.source.kafka.KafkaSourceConfig;
import io.driftwatch.support.Fixtures;
import io.driftwatch.support.KafkaBroker;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Kafka source against a real broker (KRaft, a child JVM): windows read by time across 3 partitions whose
 * records were produced out of order, incrementally between reads, across a broker restart; a topic that does
 * not exist is the source being down; a record that is not JSON is skipped; other models' records are left out.
 */
class KafkaSourceTest {
    private static final Instant T0 = Instant.parse("2026-12-04T12:00:00Z");
    private static KafkaBroker broker;

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() throws Exception {
        broker = KafkaBroker.start(dir);
    }

    @AfterAll
    static void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    private static PredictionSource source(String topic) throws SourceException {
        SourceConfig c = new KafkaSourceConfig(broker.bootstrap(), topic, "PLAINTEXT", null, null, null, null, null,
                FieldMapping.defaults(), "m");
        return SourceTypes.open(c);
    }

    /** n records a second apart ending at {@code end}, spread over 3 partitions in shuffled order. */
    private static List<ProducerRecord<String, String>> records(int n, Instant end, long seed, String model) {
        Random r = new Random(seed);
        List<ProducerRecord<String, String>> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Instant at = end.minusSeconds(n - i);
            String line = Fixtures.logLine(at, r.nextGaussian(), "abc".substring(i % 3, i % 3 + 1), "7");
            out.add(new ProducerRecord<>("t", r.nextInt(3), at.toEpochMilli(), null, line.replace("\"model\":\"m\"",
                    "\"model\":\"" + model + "\"")));
        }
        java.util.Collections.shuffle(out, r); // out of order across (and within) partitions
        return out;
    }

    @Test
    void windowsAreReadByTimeAcrossPartitionsIncrementallyAndThroughABrokerRestart() throws Exception {
        broker.createTopic("predictions", 3);
        List<ProducerRecord<String, String>> first = records(600, T0, 1, "m");
        first.addAll(records(100, T0, 2, "other-model"));
        broker.send("predictions", first);
        PredictionSource s = source("predictions");
        WindowData w = s.read(new TimeRange(T0.minusSeconds(300), T0));
        assertThat(w.records()).hasSize(300).allSatisfy(r -> assertThat(r.model()).isEqualTo("m"));
        assertThat(w.skipped()).isEmpty();

        broker.send("predictions", records(120, T0.plusSeconds(120), 3, "m"));
        WindowData next = s.read(new TimeRange(T0.minusSeconds(180), T0.plusSeconds(120)));
        assertThat(next.records()).as("180 s of the first records and the 120 new ones").hasSize(300);

        broker.stop();
        assertThatThrownBy(() -> s.read(new TimeRange(T0, T0.plusSeconds(120)))).isInstanceOf(SourceException.class)
                .hasMessageContaining("predictions");
        broker.restart();
        broker.send("predictions", records(60, T0.plusSeconds(180), 4, "m"));
        WindowData after = s.read(new TimeRange(T0, T0.plusSeconds(180)));
        assertThat(after.records()).as("nothing lost across the restart").hasSize(180);
    }

    @Test
    void aMissingTopicIsTheSourceBeingDownAndABadRecordIsSkippedWithItsReason() throws Exception {
        assertThatThrownBy(() -> source("no-such-topic").read(new TimeRange(T0.minusSeconds(60), T0)))
                .isInstanceOf(SourceException.class).hasMessageContaining("no-such-topic").hasMessageContaining("does not exist");
        broker.createTopic("mixed", 3);
        List<ProducerRecord<String, String>> recs = records(50, T0, 5, "m");
        recs.add(new ProducerRecord<>("t", 1, T0.minusSeconds(5).toEpochMilli(), null, "not json at all"));
        recs.add(new ProducerRecord<>("t", 2, T0.minusSeconds(5).toEpochMilli(), null,
                "{\"input\": {\"x\": 1.0, \"c\": \"a\"}, \"prediction\": 1, \"event\": \"Prediction successful\"}"));
        broker.send("mixed", recs);
        WindowData w = source("mixed").read(new TimeRange(T0.minusSeconds(60), T0));
        assertThat(w.records()).as("50 records and one without its own time, at its Kafka time").hasSize(51);
        assertThat(w.skipped()).containsExactly(java.util.Map.entry(SkipReason.MALFORMED_JSON, 1L));
    }
}
