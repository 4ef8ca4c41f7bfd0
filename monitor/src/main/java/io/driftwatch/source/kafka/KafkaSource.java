package io.driftwatch.source.kafka;

import io.driftwatch.source.CompactRecords;
import io.driftwatch.source.LogRecordParser;
import io.driftwatch.source.PredictionRecord;
import io.driftwatch.source.PredictionSource;
import io.driftwatch.source.RecordRow;
import io.driftwatch.source.RecordRows;
import io.driftwatch.source.SkipReason;
import io.driftwatch.source.SourceException;
import io.driftwatch.source.TimeRange;
import io.driftwatch.source.WindowData;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/**
 * A model's records from a Kafka topic, read by time without consumer-group state, so any replica can read
 * any window: the first read seeks each partition to the window's start ({@code offsetsForTimes}, a minute
 * early for records produced late) and reads forward to the partition's end; later reads continue from where
 * the last one stopped and keep the records still inside the window (as the file source keeps its tail). A
 * read of an earlier range starts again. Records of other models on a shared topic are left out; a record
 * that is not usable is skipped with its reason. A topic that does not exist or a cluster that cannot be
 * reached is the source being down.
 */
final class KafkaSource implements PredictionSource, AutoCloseable {
    /** How much earlier than the window a seek starts: records whose Kafka time is later than their own. */
    static final Duration LATENESS = Duration.ofMinutes(1);
    /** How long a read may make no progress towards the end offsets before the source counts as down. */
    static final Duration STALL = Duration.ofSeconds(30);

    private final KafkaSourceConfig config;
    private final LogRecordParser parser;
    private final CompactRecords.Strings strings = new CompactRecords.Strings();
    private final Map<TopicPartition, Long> next = new HashMap<>();
    private final Map<TopicPartition, CompactRecords> kept = new HashMap<>();
    private KafkaConsumer<ByteBuffer, ByteBuffer> consumer;
    private Instant droppedBefore;

    KafkaSource(KafkaSourceConfig config) {
        this.config = config;
        this.parser = new LogRecordParser(config.fields());
    }

    @Override
    public synchronized WindowData read(TimeRange range) throws SourceException {
        boolean again = droppedBefore == null || range.from().isBefore(droppedBefore);
        Map<SkipReason, Long> skipped = new EnumMap<>(SkipReason.class);
        try {
            KafkaConsumer<ByteBuffer, ByteBuffer> c = consumer();
            List<TopicPartition> parts = partitions(c);
            Map<TopicPartition, Long> ends = c.endOffsets(parts);
            if (again) {
                next.clear();
                kept.clear();
                seek(c, parts, ends, range.from());
            }
            for (TopicPartition tp : parts) {
                next.putIfAbsent(tp, ends.get(tp)); // a partition added since: from its end
            }
            fetch(c, parts, ends, skipped);
        } catch (KafkaException | IOException e) {
            close();
            next.clear();
            kept.clear();
            droppedBefore = null;
            throw new SourceException("cannot read " + config.where() + ": " + e.getMessage(), e);
        }
        List<RecordRows.Slice> out = new ArrayList<>();
        for (CompactRecords k : kept.values()) {
            k.dropBefore(range.from());
            k.collect(range, out);
        }
        droppedBefore = droppedBefore == null || range.from().isAfter(droppedBefore) ? range.from() : droppedBefore;
        return new WindowData(CompactRecords.window(out), skipped);
    }

    @Override
    public WindowData readAll() throws SourceException {
        synchronized (this) {
            droppedBefore = null;
        }
        return read(new TimeRange(Instant.EPOCH, Instant.MAX));
    }

    private KafkaConsumer<ByteBuffer, ByteBuffer> consumer() throws IOException {
        if (consumer == null) {
            consumer = new KafkaConsumer<>(KafkaClients.consumer(config, "driftwatch-" + config.modelValue()));
        }
        return consumer;
    }

    private List<TopicPartition> partitions(KafkaConsumer<ByteBuffer, ByteBuffer> c) throws SourceException {
        List<PartitionInfo> infos = c.partitionsFor(config.topic(), Duration.ofMillis(KafkaClients.TIMEOUT_MS));
        if (infos == null || infos.isEmpty()) {
            throw new SourceException("the topic " + config.topic() + " does not exist at " + config.bootstrapServers(), null);
        }
        List<TopicPartition> parts = infos.stream().map(i -> new TopicPartition(i.topic(), i.partition())).toList();
        c.assign(parts);
        return parts;
    }

    /** Each partition's first offset at or after the window's start (less the lateness), or its end. */
    private void seek(KafkaConsumer<ByteBuffer, ByteBuffer> c, List<TopicPartition> parts, Map<TopicPartition, Long> ends,
                      Instant from) {
        long at = from.equals(Instant.EPOCH) ? 0 : Math.max(0, from.minus(LATENESS).toEpochMilli());
        Map<TopicPartition, Long> query = new HashMap<>();
        parts.forEach(tp -> query.put(tp, at));
        Map<TopicPartition, OffsetAndTimestamp> found = c.offsetsForTimes(query);
        for (TopicPartition tp : parts) {
            OffsetAndTimestamp o = found.get(tp);
            next.put(tp, o == null ? ends.get(tp) : o.offset());
        }
    }

    /**
     * Reads every partition from its next offset to the end offset taken at the read's start. The records are parsed
     * on two threads while this one polls the next ({@link ParsePipeline}), and kept in offset order.
     */
    private void fetch(KafkaConsumer<ByteBuffer, ByteBuffer> c, List<TopicPartition> parts, Map<TopicPartition, Long> ends,
                       Map<SkipReason, Long> skipped) throws SourceException {
        List<TopicPartition> open = new ArrayList<>();
        for (TopicPartition tp : parts) {
            if (next.get(tp) < ends.get(tp)) {
                c.seek(tp, next.get(tp));
                open.add(tp);
            }
        }
        c.assign(open);
        try (ParsePipeline<ConsumerRecord<ByteBuffer, ByteBuffer>, Parsed> pipeline = new ParsePipeline<>(
                this::parse, p -> keep(p, skipped))) {
            long stallDeadline = System.nanoTime() + STALL.toNanos();
            while (!open.isEmpty()) {
                var batch = c.poll(Duration.ofMillis(200));
                if (!batch.isEmpty()) {
                    stallDeadline = System.nanoTime() + STALL.toNanos();
                    pipeline.submit(usable(batch, ends));
                } else if (System.nanoTime() > stallDeadline) {
                    throw new SourceException("no progress reading " + config.where() + " for " + STALL.toSeconds()
                            + " s", null);
                }
                advance(c, open, ends);
            }
            pipeline.finish();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SourceException("interrupted reading " + config.where(), e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new SourceException("cannot parse the records of " + config.where() + ": " + e.getCause(), e.getCause());
        }
    }

    /** Notes each partition's position; a partition read to its end offset is left (reassigning only then). */
    private void advance(KafkaConsumer<ByteBuffer, ByteBuffer> c, List<TopicPartition> open, Map<TopicPartition, Long> ends) {
        int before = open.size();
        open.removeIf(tp -> {
            long position = c.position(tp);
            next.put(tp, Math.min(position, ends.get(tp)));
            return position >= ends.get(tp);
        });
        if (open.size() != before) {
            c.assign(open);
        }
    }

    /** A poll's records before the read's end offsets. */
    private static List<ConsumerRecord<ByteBuffer, ByteBuffer>> usable(ConsumerRecords<ByteBuffer, ByteBuffer> batch,
                                                               Map<TopicPartition, Long> ends) {
        List<ConsumerRecord<ByteBuffer, ByteBuffer>> out = new ArrayList<>(batch.count());
        for (TopicPartition tp : batch.partitions()) {
            long end = ends.get(tp);
            for (ConsumerRecord<ByteBuffer, ByteBuffer> r : batch.records(tp)) {
                if (r.offset() < end) {
                    out.add(r);
                }
            }
        }
        return out;
    }

    /** A run of polled records as parsed on a parse thread: their rows, per partition, and what was skipped. */
    private record Parsed(Map<TopicPartition, CompactRecords> rows, Map<SkipReason, Long> skipped) {
    }

    /**
     * Parses a run of records: the common shape straight into column chunks of the parse thread's own
     * (no record objects), anything else as a tree, with its reason when it is skipped. Records of other
     * models are left out.
     */
    private Parsed parse(List<ConsumerRecord<ByteBuffer, ByteBuffer>> records) {
        Parsed out = new Parsed(new HashMap<>(), new EnumMap<>(SkipReason.class));
        RecordRow row = new RecordRow();
        TopicPartition tp = null;
        CompactRecords rows = null;
        for (ConsumerRecord<ByteBuffer, ByteBuffer> r : records) {
            if (tp == null || tp.partition() != r.partition() || !tp.topic().equals(r.topic())) {
                tp = new TopicPartition(r.topic(), r.partition());
                rows = out.rows().computeIfAbsent(tp, x -> new CompactRecords(strings));
            }
            ByteBuffer v = r.value();
            if (v == null) {
                out.skipped().merge(SkipReason.NOT_AN_OBJECT, 1L, Long::sum);
                continue;
            }
            byte[] bytes = v.hasArray() ? v.array() : bytes(v);
            int at = v.hasArray() ? v.arrayOffset() + v.position() : 0;
            if (parser.parseInto(bytes, at, v.remaining(), row)) {
                if (mine(row.model())) {
                    rows.add(row);
                }
            } else {
                slow(parser.parseTree(bytes, at, v.remaining(), Instant.ofEpochMilli(r.timestamp())), rows, out.skipped());
            }
        }
        return out;
    }

    /** A record the fast path declined, read as a tree: its rows kept, or its reason counted. */
    private void slow(LogRecordParser.Parsed parsed, CompactRecords rows, Map<SkipReason, Long> skipped) {
        if (parsed instanceof LogRecordParser.Skipped s) {
            skipped.merge(s.reason(), 1L, Long::sum);
        } else if (parsed instanceof LogRecordParser.Ok ok) {
            for (PredictionRecord rec : ok.records()) {
                if (mine(rec.model())) {
                    rows.add(rec);
                }
            }
        }
    }

    /** A value not backed by an array (not one the consumer makes), copied. */
    private static byte[] bytes(ByteBuffer v) {
        byte[] out = new byte[v.remaining()];
        v.duplicate().get(out);
        return out;
    }

    private boolean mine(String model) {
        return model == null || model.equals(config.modelValue());
    }

    /** A parsed run's rows appended to each partition's, in poll order, and its skips counted. */
    private void keep(Parsed p, Map<SkipReason, Long> skipped) {
        p.rows().forEach((tp, rows) -> kept.computeIfAbsent(tp, x -> new CompactRecords(strings)).append(rows));
        p.skipped().forEach((reason, n) -> skipped.merge(reason, n, Long::sum));
    }

    @Override
    public synchronized void close() {
        if (consumer != null) {
            try {
                consumer.close(org.apache.kafka.clients.consumer.CloseOptions.timeout(Duration.ofSeconds(2)));
            } catch (KafkaException e) {
                // closing a consumer of an unreachable cluster: nothing to keep
            }
            consumer = null;
        }
    }
}
