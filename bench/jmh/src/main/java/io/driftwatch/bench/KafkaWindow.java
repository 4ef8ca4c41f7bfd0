package io.driftwatch.bench;

import io.driftwatch.config.FeatureSpec;
import io.driftwatch.config.FeatureType;
import io.driftwatch.config.FieldMapping;
import io.driftwatch.evaluation.Columns;
import io.driftwatch.evaluation.RecordSamples;
import io.driftwatch.drift.ColumnSamples;
import io.driftwatch.drift.DriftEngine;
import io.driftwatch.drift.DriftPolicy;
import io.driftwatch.drift.DriftReport;
import io.driftwatch.drift.Sample;
import io.driftwatch.drift.Samples;
import io.driftwatch.drift.TestRegistry;
import io.driftwatch.source.PredictionSource;
import io.driftwatch.source.SourceTypes;
import io.driftwatch.source.TimeRange;
import io.driftwatch.source.WindowData;
import io.driftwatch.source.file.FileSourceConfig;
import io.driftwatch.source.kafka.KafkaSourceConfig;
import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * {@code bench/run kafka}: RECORDS prediction records of a 20-feature model, written once to a 3-partition
 * topic of a running broker and to a JSON-lines file; then one window holding all of them is read and
 * evaluated (the records' 20 features tested against a reference) from each source, the same code after the
 * read, by a fresh source each time: one round to warm up, then three; prints each and the median records/s.
 * Usage: KafkaWindow BOOTSTRAP DIR RECORDS
 */
public final class KafkaWindow {
    private static final int FEATURES = 20;
    /** Measured rounds (after one to warm up); the median counts. */
    private static final int ROUNDS = 3;
    private static final Instant END = Instant.parse("2026-12-04T12:00:00Z");

    private KafkaWindow() {
    }

    public static void main(String[] args) throws Exception {
        String bootstrap = args[0];
        Path dir = Path.of(args[1]);
        int n = Integer.parseInt(args[2]);
        Path log = dir.resolve("m.jsonl");
        produce(bootstrap, log, n);
        TimeRange window = new TimeRange(END.minusSeconds(n / 100 + 60), END);
        Map<String, io.driftwatch.drift.ColumnReference> reference = reference();
        Map<String, List<double[]>> runs = new java.util.LinkedHashMap<>();
        for (int round = 0; round <= ROUNDS; round++) { // round 0 warms both sources up; the others count
            for (String kind : List.of("kafka", "file")) {
                System.gc(); // each read starts on a heap without the other reads' records
                PredictionSource source = fresh(kind, bootstrap, log);
                long t0 = System.nanoTime();
                WindowData w = source.read(window);
                double read = (System.nanoTime() - t0) / 1e9;
                DriftReport r = evaluate(w, reference);
                double s = (System.nanoTime() - t0) / 1e9;
                if (source instanceof AutoCloseable c) {
                    c.close();
                }
                if (round > 0) {
                    runs.computeIfAbsent(kind, k -> new ArrayList<>()).add(new double[] {s, read, w.records().size()});
                    System.out.printf(Locale.ROOT, "%s round %d: %,d records in %.2f s (read %.2f s): %,.0f records/s "
                            + "(%s, %d drifted)%n", kind, round, w.records().size(), s, read, w.records().size() / s,
                            r.verdict(), r.driftedColumns());
                }
            }
        }
        runs.forEach((kind, all) -> {
            all.sort(java.util.Comparator.comparingDouble(x -> x[0]));
            double[] m = all.get(all.size() / 2);
            System.out.printf(Locale.ROOT, "%s: median of %d rounds: %,.0f records read and evaluated in %.2f s (read %.2f s, "
                    + "evaluated %.2f s): %,.0f records/s%n", kind, all.size(), m[2], m[0], m[1], m[0] - m[1], m[2] / m[0]);
        });
    }

    private static PredictionSource fresh(String kind, String bootstrap, Path log) throws Exception {
        return kind.equals("kafka") ? SourceTypes.open(new KafkaSourceConfig(bootstrap, "predictions", "PLAINTEXT", null,
                null, null, null, null, FieldMapping.defaults(), "m"))
                : SourceTypes.open(new FileSourceConfig(log.toString(), FieldMapping.defaults(), "m"));
    }

    /** The window's 20 features sampled and tested as the evaluation cycle does ({@link RecordSamples}). */
    private static DriftReport evaluate(WindowData w, Map<String, io.driftwatch.drift.ColumnReference> reference) {
        List<FeatureSpec> features = new ArrayList<>();
        for (int f = 0; f < FEATURES; f++) {
            features.add(new FeatureSpec("f" + f, "f" + f, FeatureType.NUMERIC, List.of()));
        }
        Map<String, Sample> current = RecordSamples.of(w.records(), features, null);
        return new DriftEngine(TestRegistry.standard(), DriftPolicy.defaults()).compare(Columns.specs(features),
                reference, current);
    }

    private static Map<String, io.driftwatch.drift.ColumnReference> reference() {
        SplittableRandom r = new SplittableRandom(1);
        Map<String, Sample> ref = new HashMap<>();
        for (int f = 0; f < FEATURES; f++) {
            double[] v = new double[100_000];
            for (int i = 0; i < v.length; i++) {
                v[i] = r.nextGaussian();
            }
            ref.put("f" + f, Samples.numeric(v, v.length));
        }
        return ColumnSamples.fit(ref);
    }

    /** The same records to the topic (3 partitions, keyed by request id) and to the file, once. */
    private static void produce(String bootstrap, Path log, int n) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            if (admin.listTopics().names().get().contains("predictions")) {
                return;
            }
            admin.createTopics(List.of(new NewTopic("predictions", 3, (short) 1))).all().get();
        }
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("key.serializer", StringSerializer.class.getName());
        p.put("value.serializer", StringSerializer.class.getName());
        p.put("linger.ms", "20");
        p.put("batch.size", Integer.toString(1 << 20));
        p.put("compression.type", "lz4");
        SplittableRandom r = new SplittableRandom(2);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p);
             BufferedWriter out = Files.newBufferedWriter(log)) {
            for (int i = 0; i < n; i++) {
                Instant at = END.minusMillis((long) (n - i) * 10);
                StringBuilder line = new StringBuilder("{\"@timestamp\":\"").append(at).append("\",\"model\":\"m\",")
                        .append("\"model_version\":\"3\",\"request_id\":\"r").append(i).append("\",\"input\":{");
                for (int f = 0; f < FEATURES; f++) {
                    line.append(f == 0 ? "" : ",").append("\"f").append(f).append("\":")
                            .append(String.format(Locale.ROOT, "%.5f", r.nextGaussian() + (f < 2 ? 0.1 : 0)));
                }
                line.append("},\"prediction\":").append(r.nextInt(2)).append('}');
                producer.send(new ProducerRecord<>("predictions", null, at.toEpochMilli(), "r" + i, line.toString()));
                out.write(line.toString());
                out.write('\n');
            }
        }
    }
}
