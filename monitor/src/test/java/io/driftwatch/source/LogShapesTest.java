package io.driftwatch.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.config.FieldMapping;
import io.driftwatch.source.file.FileSourceConfig;
import io.driftwatch.source.file.JsonLinesSource;
import io.driftwatch.source.file.LineFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The log shapes clusters really write, each read into the same records as the same predictions in
 * Driftwatch's own shape (so every verdict is the same): structlog lines without a timestamp inside CRI
 * node logs (partial lines joined) and Docker's json-file, Fluent Bit's Merge_Log documents reached by
 * field paths, feature vectors named by input_names or positions, KServe v1 batches and Open Inference
 * Protocol tensors. A record that cannot be read is skipped with its reason, never half-read.
 */
class LogShapesTest {
    private static final Instant NOW = Instant.parse("2026-12-04T03:00:00Z");
    private static final TimeRange HOUR = new TimeRange(NOW.minusSeconds(3600), NOW);
    private static final List<String> NAMES = List.of("tenure", "monthly_charges", "contract");

    @TempDir
    Path dir;

    /** Seeded predictions: time, tenure, monthly charges, contract, prediction. */
    private record Row(Instant at, double tenure, double charges, String contract, double prediction) {
        String inputJson() {
            return String.format(Locale.ROOT, "{\"tenure\": %s, \"monthly_charges\": %s, \"contract\": \"%s\"}", tenure,
                    charges, contract);
        }
    }

    private static List<Row> rows(int n) {
        SplittableRandom r = new SplittableRandom(24);
        List<Row> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new Row(NOW.minusSeconds(3000 - i * 10L), r.nextInt(72), Math.round(r.nextDouble(20, 120) * 100) / 100.0,
                    r.nextBoolean() ? "monthly" : "two_year", Math.round(r.nextDouble() * 1000) / 1000.0));
        }
        return out;
    }

    private List<PredictionRecord> read(String file, List<String> lines, LineFormat format, FieldMapping fields)
            throws Exception {
        Files.write(dir.resolve(file), lines);
        WindowData w = new JsonLinesSource(new FileSourceConfig(dir.resolve(file).toString(), fields, "churn", format))
                .read(HOUR);
        assertThat(w.skipped()).as("nothing skipped").isEmpty();
        return w.records();
    }

    /** Today's shape: the records every other shape must give. */
    private List<PredictionRecord> today(List<Row> rows) throws Exception {
        List<String> lines = rows.stream().map(r -> String.format(Locale.ROOT,
                "{\"@timestamp\": \"%s\", \"model\": \"churn\", \"model_version\": \"v1\", \"input\": %s, \"prediction\": %s}",
                r.at(), r.inputJson(), r.prediction())).toList();
        return read("today.jsonl", lines, LineFormat.JSON, FieldMapping.defaults());
    }

    /** What a structlog JSONRenderer without a timestamp processor writes. */
    private static String structlog(Row r) {
        return String.format(Locale.ROOT, "{\"input\": %s, \"prediction\": %s, \"model_version\": \"v1\", "
                + "\"event\": \"Prediction successful\", \"level\": \"info\"}", r.inputJson(), r.prediction());
    }

    @Test
    void criNodeLogsOfStructlogLinesGiveTheSameRecordsPartialLinesJoined() throws Exception {
        List<Row> rows = rows(200);
        List<String> lines = new ArrayList<>();
        for (Row r : rows) {
            String payload = structlog(r);
            if (r.tenure() > 50) { // the runtime splits a long line into P pieces ended by an F
                int cut = payload.length() / 2;
                lines.add(r.at().plusMillis(123) + " stdout P " + payload.substring(0, cut));
                lines.add(r.at().plusMillis(123) + " stdout F " + payload.substring(cut));
            } else {
                lines.add(r.at().plusMillis(123) + " stdout F " + payload);
            }
        }
        List<PredictionRecord> cri = read("churn_ml_model-abc.log", lines, LineFormat.CRI, FieldMapping.defaults());
        assertSame(cri, today(rows), 123);
    }

    @Test
    void dockerJsonFileLinesGiveTheSameRecordsSplitLinesJoined() throws Exception {
        List<Row> rows = rows(150);
        List<String> lines = new ArrayList<>();
        tools.jackson.databind.json.JsonMapper json = tools.jackson.databind.json.JsonMapper.builder().build();
        for (Row r : rows) {
            String payload = structlog(r) + "\n";
            List<String> pieces = r.tenure() > 40 ? List.of(payload.substring(0, 30), payload.substring(30)) : List.of(payload);
            for (String p : pieces) {
                lines.add(json.writeValueAsString(Map.of("log", p, "stream", "stdout", "time", r.at().plusMillis(123).toString())));
            }
        }
        assertSame(read("abc-json.log", lines, LineFormat.DOCKER, FieldMapping.defaults()), today(rows), 123);
    }

    @Test
    void fluentBitMergeLogDocumentsAreReachedByFieldPaths() throws Exception {
        List<Row> rows = rows(120);
        List<String> lines = rows.stream().map(r -> String.format(Locale.ROOT, "{\"@timestamp\": \"%s\", \"log\": \"...\", "
                + "\"log_processed\": {\"input\": %s, \"prediction\": %s, \"level\": \"info\"}, \"kubernetes\": {\"pod_name\": "
                + "\"churn-7d9\", \"labels\": {\"app\": \"churn\", \"version\": \"v1\"}}}", r.at(), r.inputJson(), r.prediction()))
                .toList();
        FieldMapping fields = new FieldMapping("@timestamp", "kubernetes.labels.app", "kubernetes.labels.version",
                "log_processed.input", "log_processed.prediction", "label", "latency_ms", "request_id", "ms", List.of());
        assertSame(read("fluent-bit.jsonl", lines, LineFormat.JSON, fields), today(rows), 0);
    }

    private static FieldMapping named(List<String> names) {
        FieldMapping d = FieldMapping.defaults();
        return new FieldMapping(d.timestamp(), d.model(), d.version(), d.input(), d.prediction(), d.label(), d.latency(),
                d.requestId(), d.timestampUnit(), names);
    }

    @Test
    void featureVectorsAreNamedByInputNamesAndAOneElementListPredictionIsItsElement() throws Exception {
        List<Row> rows = rows(100);
        List<String> lines = rows.stream().map(r -> String.format(Locale.ROOT, "{\"@timestamp\": \"%s\", \"model\": \"churn\", "
                + "\"model_version\": \"v1\", \"input\": [%s, %s, \"%s\"], \"prediction\": [%s]}", r.at(), r.tenure(), r.charges(),
                r.contract(), r.prediction())).toList();
        assertSame(read("vector.jsonl", lines, LineFormat.JSON, named(NAMES)), today(rows), 0);
        List<PredictionRecord> positional = read("vector.jsonl", lines, LineFormat.JSON, FieldMapping.defaults());
        assertThat(positional.get(0).input()).containsOnlyKeys("0", "1", "2");
        assertThat(positional.get(0).input().get("1")).isEqualTo(rows.get(0).charges());
    }

    @Test
    void aKserveV1BatchIsOneRecordPerRow() throws Exception {
        List<Row> rows = rows(120);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < rows.size(); i += 4) { // 30 requests of 4 rows, all at the batch's time
            List<Row> batch = rows.subList(i, i + 4);
            lines.add(String.format(Locale.ROOT, "{\"@timestamp\": \"%s\", \"model\": \"churn\", \"model_version\": \"v1\", "
                    + "\"request_id\": \"r%d\", \"instances\": [%s], \"predictions\": [%s]}", batch.get(0).at(), i,
                    String.join(", ", batch.stream().map(r -> String.format(Locale.ROOT, "[%s, %s, \"%s\"]", r.tenure(),
                            r.charges(), r.contract())).toList()),
                    String.join(", ", batch.stream().map(r -> "[" + r.prediction() + "]").toList())));
        }
        List<PredictionRecord> got = read("batch.jsonl", lines, LineFormat.JSON, named(NAMES));
        assertThat(got).hasSize(120);
        assertThat(got).extracting(PredictionRecord::input).containsExactlyElementsOf(today(rows).stream()
                .map(PredictionRecord::input).toList());
        assertThat(got).extracting(PredictionRecord::prediction).containsExactlyElementsOf(rows.stream()
                .map(r -> (Object) r.prediction()).toList());
        assertThat(got.get(5).requestId()).isEqualTo("r4#1");
    }

    @Test
    void openInferenceProtocolTensorsAreOneRecordPerRow() throws Exception {
        List<Row> rows = rows(8);
        StringBuilder tenure = new StringBuilder();
        StringBuilder charges = new StringBuilder();
        StringBuilder contract = new StringBuilder();
        StringBuilder out = new StringBuilder();
        for (Row r : rows) {
            String sep = tenure.length() == 0 ? "" : ", ";
            tenure.append(sep).append(r.tenure());
            charges.append(sep).append(r.charges());
            contract.append(sep).append('"').append(r.contract()).append('"');
            out.append(sep).append(r.prediction());
        }
        String line = String.format(Locale.ROOT, "{\"@timestamp\": \"%s\", \"model\": \"churn\", \"model_version\": \"v1\", "
                + "\"inputs\": [{\"name\": \"tenure\", \"shape\": [8], \"datatype\": \"FP64\", \"data\": [%s]}, "
                + "{\"name\": \"monthly_charges\", \"shape\": [8, 1], \"datatype\": \"FP64\", \"data\": [%s]}, "
                + "{\"name\": \"contract\", \"shape\": [8], \"datatype\": \"BYTES\", \"data\": [%s]}], "
                + "\"outputs\": [{\"name\": \"score\", \"shape\": [8, 1], \"datatype\": \"FP64\", \"data\": [%s]}]}",
                rows.get(0).at(), tenure, charges, contract, out);
        List<PredictionRecord> got = read("oip.jsonl", List.of(line), LineFormat.JSON, FieldMapping.defaults());
        assertThat(got).extracting(PredictionRecord::input).containsExactlyElementsOf(today(rows).stream()
                .map(PredictionRecord::input).toList());
        assertThat(got).extracting(PredictionRecord::prediction).containsExactlyElementsOf(rows.stream()
                .map(r -> (Object) r.prediction()).toList());
    }

    @Test
    void recordsThatCannotBeReadAreSkippedWithTheirReasonNeverHalfRead() throws Exception {
        Files.write(dir.resolve("bad.log"), List.of(
                "not a cri line",
                NOW.minusSeconds(60) + " stdout F {\"input\": [1, 2], \"prediction\": [0, 1, 1]}",
                NOW.minusSeconds(50) + " stdout F {\"instances\": [[1, 2], [3, 4]], \"predictions\": [1]}",
                NOW.minusSeconds(40) + " stdout F {\"input\": [1, 2]}",
                NOW.minusSeconds(30) + " stdout F {\"event\": \"Application startup complete\"}",
                NOW.minusSeconds(20) + " stdout F INFO:     127.0.0.1:5000 - \"POST /predict HTTP/1.1\" 200 OK",
                NOW.minusSeconds(10) + " stdout F {\"input\": {\"tenure\": 3}, \"prediction\": 0.5}"));
        WindowData w = new JsonLinesSource(new FileSourceConfig(dir.resolve("bad.log").toString(), named(NAMES), "churn",
                LineFormat.CRI)).read(HOUR);
        assertThat(w.records()).singleElement().satisfies(r -> {
            assertThat(r.input()).containsEntry("tenure", 3.0);
            assertThat(r.timestamp()).isEqualTo(NOW.minusSeconds(10));
        });
        assertThat(w.skipped()).containsEntry(SkipReason.BAD_WRAPPER, 1L).containsEntry(SkipReason.SHAPE_MISMATCH, 3L)
                .containsEntry(SkipReason.MISSING_INPUT, 1L).containsEntry(SkipReason.MALFORMED_JSON, 1L);
    }

    /** The same records: inputs, predictions, versions; times the same but for the wrapper's extra milliseconds. */
    private static void assertSame(List<PredictionRecord> got, List<PredictionRecord> want, long wrapperMillis) {
        assertThat(got).hasSameSizeAs(want);
        for (int i = 0; i < want.size(); i++) {
            PredictionRecord g = got.get(i);
            PredictionRecord w = want.get(i);
            assertThat(g.input()).isEqualTo(w.input());
            assertThat(g.prediction()).isEqualTo(w.prediction());
            assertThat(g.version()).isEqualTo(w.version());
            assertThat(g.timestamp()).isEqualTo(w.timestamp().plusMillis(wrapperMillis));
        }
    }
}
