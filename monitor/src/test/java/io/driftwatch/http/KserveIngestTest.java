package io.driftwatch.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.app.Configuration;
import io.driftwatch.app.ConfigurationLoader;
import io.driftwatch.app.Driftwatch;
import io.driftwatch.drift.TestRegistry;
import io.driftwatch.evaluation.EvaluationRow;
import io.driftwatch.support.Fixtures;
import io.driftwatch.support.ManualClock;
import io.driftwatch.util.Json;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * KServe's payload logger into Driftwatch: CloudEvents built as KServe's logger builds them (binary mode, the
 * ce-* attributes of pkg/logger, the request's Content-Type on both events, a shared ce-id; a response only
 * for a successful inference) are stored, joined and evaluated exactly as the same predictions written as
 * log lines: same records, same verdict. Structured and batch modes, the ingest token and every refusal.
 */
class KserveIngestTest {
    private static final Instant T0 = Instant.parse("2026-12-04T12:00:00Z");
    private static final String SERVICE = "sklearn-iris";
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    /** Model m reads the InferenceService's events from the store; model f reads the same rows from a log file. */
    private Driftwatch start(ManualClock clock, String httpExtra) throws Exception {
        Path config = Fixtures.config(dir, "1m", "alerts.jsonl");
        String text = Files.readString(config);
        String fileModel = text.substring(text.indexOf("  - name: m")).replace("  - name: m", "  - name: f")
                .replace("logs/m.jsonl*", "logs/f.jsonl").replace("reference/m.jsonl", "reference/f.jsonl");
        text = text.replace("    source:\n      path: logs/m.jsonl*\n", "    source:\n      type: store\n"
                + "      inference_service: " + SERVICE + "\n      namespace: ml\n      join_timeout: 10s\n"
                + "      input_names: [x, c]\n") + fileModel;
        Files.writeString(config, text.replace("  port: 0\n", "  port: 0\n" + httpExtra));
        List<String> reference = Fixtures.lines(600, 0, T0.minusSeconds(7200), 1);
        Fixtures.writeLines(dir.resolve("reference/m.jsonl"), reference);
        Fixtures.writeLines(dir.resolve("reference/f.jsonl"), reference.stream().map(l -> l.replace("\"model\":\"m\"",
                "\"model\":\"f\"")).toList());
        Files.createDirectories(dir.resolve("logs"));
        Configuration c = new ConfigurationLoader(TestRegistry.standard()).load(config);
        return Driftwatch.start(c, new PrintStream(PrintStream.nullOutputStream()), clock);
    }

    /** One row: x, c and the model's prediction. */
    private record Row(double x, String c, int prediction) {
    }

    private static List<Row> rows(Random r, int n, double shift) {
        String[] cats = {"a", "b", "c"};
        List<Row> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double x = Math.round((r.nextGaussian() + shift) * 1e6) / 1e6;
            out.add(new Row(x, cats[r.nextInt(3)], x > 0 ? 1 : 0));
        }
        return out;
    }

    /** Posts one event in binary mode, with the headers KServe's logger sends. */
    private HttpResponse<String> post(Driftwatch d, String id, String type, String service, Instant at, String body,
                                      Map<String, String> extra) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(d.baseUrl() + "/api/v1/ingest/kserve"))
                .header("Content-Type", "application/json").header("Ce-Specversion", "1.0").header("Ce-Id", id)
                .header("Ce-Type", "org.kubeflow.serving.inference." + type)
                .header("Ce-Source", "http://localhost:9081/").header("Ce-Inferenceservicename", service)
                .header("Ce-Namespace", "ml").header("Ce-Component", "predictor").header("Ce-Endpoint", "")
                .header("Ce-Metadata", "{}").header("Ce-Time", at.toString());
        extra.forEach(b::header);
        return http.send(b.POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String instances(List<Row> rows) {
        return "{\"instances\": [" + String.join(", ", rows.stream().map(r -> String.format(Locale.ROOT, "[%s, \"%s\"]", r.x(),
                r.c())).toList()) + "]}";
    }

    private static String predictions(List<Row> rows) {
        return "{\"predictions\": [" + String.join(", ", rows.stream().map(r -> Integer.toString(r.prediction())).toList()) + "]}";
    }

    /** An Open Inference Protocol request: one FP64 tensor x and one BYTES tensor c of the batch's rows. */
    private static String oipRequest(List<Row> rows) {
        return String.format(Locale.ROOT, "{\"id\": \"q\", \"inputs\": [{\"name\": \"x\", \"shape\": [%d], \"datatype\": \"FP64\", "
                + "\"data\": [%s]}, {\"name\": \"c\", \"shape\": [%d, 1], \"datatype\": \"BYTES\", \"data\": [%s]}]}",
                rows.size(), String.join(", ", rows.stream().map(r -> Double.toString(r.x())).toList()), rows.size(),
                String.join(", ", rows.stream().map(r -> "\"" + r.c() + "\"").toList()));
    }

    private static String oipResponse(List<Row> rows) {
        return String.format(Locale.ROOT, "{\"model_name\": \"%s\", \"model_version\": \"7\", \"id\": \"q\", \"outputs\": "
                + "[{\"name\": \"predict\", \"shape\": [%d], \"datatype\": \"INT64\", \"data\": [%s]}]}", SERVICE, rows.size(),
                String.join(", ", rows.stream().map(r -> Integer.toString(r.prediction())).toList()));
    }

    private static String logLine(Instant at, Row r, boolean withPrediction) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("@timestamp", at.toString());
        doc.put("model", "f");
        doc.put("input", Map.of("x", r.x(), "c", r.c()));
        doc.put("prediction", withPrediction ? r.prediction() : null);
        return Json.write(doc);
    }

    @Test
    void kserveEventsAreStoredJoinedAndJudgedAsTheSameDataInLogs() throws Exception {
        ManualClock clock = new ManualClock(T0);
        try (Driftwatch d = start(clock, "")) {
            Random r = new Random(7);
            List<String> log = new ArrayList<>();
            for (int e = 0; e < 6; e++) { // six requests of 100 rows, drifted: x shifted by 1
                Instant at = T0.minusSeconds(1800 - e * 60L);
                List<Row> batch = rows(r, 100, 1.0);
                boolean oip = e == 5;
                assertThat(post(d, "ev-" + e, "request", SERVICE, at, oip ? oipRequest(batch) : instances(batch), Map.of())
                        .statusCode()).isEqualTo(200);
                HttpResponse<String> res = post(d, "ev-" + e, "response", SERVICE, at.plusMillis(40),
                        oip ? oipResponse(batch) : predictions(batch), Map.of());
                assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
                assertThat(Json.MAPPER.readTree(res.body()).get("stored").asInt()).isEqualTo(1);
                batch.forEach(row -> log.add(logLine(at, row, true)));
            }
            List<Row> failed = rows(r, 20, 1.0); // the inference failed: KServe logs no response
            assertThat(post(d, "ev-failed", "request", SERVICE, T0.minusSeconds(300), instances(failed), Map.of())
                    .statusCode()).isEqualTo(200);
            failed.forEach(row -> log.add(logLine(T0.minusSeconds(300), row, false)));
            Files.write(dir.resolve("logs/f.jsonl"), log);

            EvaluationRow ingested = d.evaluateNow("m");
            EvaluationRow logged = d.evaluateNow("f");
            assertThat(ingested.records()).isEqualTo(620).isEqualTo(logged.records());
            assertThat(ingested.verdict()).isEqualTo("DRIFT").isEqualTo(logged.verdict());
            assertThat(ingested.drifted()).isEqualTo(logged.drifted());
            assertThat(Json.MAPPER.readTree(ingested.report()).get("columns").toString())
                    .isEqualTo(Json.MAPPER.readTree(logged.report()).get("columns").toString());
            assertThat(d.metrics().recordsSkipped.labelValues("m", "response_missing").get())
                    .as("the request without response, counted once it is older than the join timeout").isEqualTo(1.0);
            d.evaluateNow("m");
            assertThat(d.metrics().recordsSkipped.labelValues("m", "response_missing").get()).as("counted once").isEqualTo(1.0);
            assertThat(d.metrics().ingestEvents.labelValues("stored").get()).isEqualTo(13.0);
        }
    }

    @Test
    void structuredAndBatchModesAreTakenAsKserveSendsThemBinary() throws Exception {
        try (Driftwatch d = start(new ManualClock(T0), "")) {
            List<Row> rows = rows(new Random(3), 150, 0);
            String request = "{\"specversion\": \"1.0\", \"id\": \"s-1\", \"type\": \"org.kubeflow.serving.inference.request\", "
                    + "\"source\": \"http://localhost:9081/\", \"time\": \"" + T0.minusSeconds(60) + "\", \"inferenceservicename\": \""
                    + SERVICE + "\", \"namespace\": \"ml\", \"datacontenttype\": \"application/json\", \"data\": "
                    + instances(rows) + "}";
            HttpResponse<String> one = http.send(HttpRequest.newBuilder(URI.create(d.baseUrl() + "/api/v1/ingest/kserve"))
                    .header("Content-Type", "application/cloudevents+json").POST(HttpRequest.BodyPublishers.ofString(request))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(one.statusCode()).as(one.body()).isEqualTo(200);
            String response = request.replace("inference.request", "inference.response").replace(instances(rows), "null")
                    .replace("\"data\": null", "\"data_base64\": \"" + java.util.Base64.getEncoder().encodeToString(
                            predictions(rows).getBytes(java.nio.charset.StandardCharsets.UTF_8)) + "\"");
            HttpResponse<String> batch = http.send(HttpRequest.newBuilder(URI.create(d.baseUrl() + "/api/v1/ingest/kserve"))
                    .header("Content-Type", "application/cloudevents-batch+json")
                    .POST(HttpRequest.BodyPublishers.ofString("[" + response + "]")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(batch.statusCode()).as(batch.body()).isEqualTo(200);
            EvaluationRow e = d.evaluateNow("m");
            assertThat(e.records()).isEqualTo(150);
            assertThat(e.verdict()).isEqualTo("OK");
        }
    }

    @Test
    void eventsThatCannotBeTakenAreRefusedSayingWhyAndCounted() throws Exception {
        try (Driftwatch d = start(new ManualClock(T0), "")) {
            String body = instances(rows(new Random(1), 3, 0));
            assertThat(post(d, "x", "request", "no-such-isvc", T0, body, Map.of())).satisfies(r -> {
                assertThat(r.statusCode()).isEqualTo(404);
                assertThat(r.body()).contains("no model reads InferenceService 'no-such-isvc'");
            });
            assertThat(post(d, "x", "explanation", SERVICE, T0, body, Map.of())).satisfies(r -> {
                assertThat(r.statusCode()).isEqualTo(400);
                assertThat(r.body()).contains("org.kubeflow.serving.inference.explanation is neither");
            });
            assertThat(post(d, "x", "request", SERVICE, T0, "[1, 2]", Map.of()).body()).contains("not a JSON object");
            assertThat(post(d, "x", "request", SERVICE, T0, "{\"instances\": [[1", Map.of()).statusCode()).isEqualTo(400);
            HttpResponse<String> noType = http.send(HttpRequest.newBuilder(URI.create(d.baseUrl() + "/api/v1/ingest/kserve"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(noType.statusCode()).isEqualTo(400);
            assertThat(noType.body()).contains("no specversion (ce-specversion)");
            HttpResponse<String> get = http.send(HttpRequest.newBuilder(URI.create(d.baseUrl() + "/api/v1/ingest/kserve")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(get.statusCode()).isEqualTo(405);
            assertThat(get.headers().firstValue("Allow")).hasValue("POST");
            HttpResponse<String> empty = http.send(HttpRequest.newBuilder(URI.create(d.baseUrl() + "/api/v1/ingest/kserve"))
                    .header("Content-Type", "application/cloudevents-batch+json").POST(HttpRequest.BodyPublishers.ofString("[]"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(empty.statusCode()).as("an empty batch (Schemathesis found it answered 200)").isEqualTo(400);
            assertThat(empty.body()).contains("at least one event");
            assertThat(d.metrics().ingestEvents.labelValues("unknown_service").get()).isEqualTo(1.0);
            assertThat(d.metrics().ingestEvents.labelValues("unsupported_type").get()).isEqualTo(1.0);
            assertThat(d.metrics().ingestEvents.labelValues("bad_data").get()).isEqualTo(2.0);
            assertThat(d.metrics().ingestEvents.labelValues("missing_attribute").get()).isEqualTo(1.0);
            assertThat(d.evaluateNow("m").records()).as("nothing refused was stored").isZero();
        }
    }

    @Test
    void anIngestTokenIsNeededOnceConfiguredAndTheMutatingTokenServesToo() throws Exception {
        Files.writeString(dir.resolve("ingest-token"), "1ngest\n");
        Files.writeString(dir.resolve("api-token"), "wr1te\n");
        try (Driftwatch d = start(new ManualClock(T0), "  ingest_token_file: " + dir.resolve("ingest-token") + "\n"
                + "  token_file: " + dir.resolve("api-token") + "\n")) {
            String body = instances(rows(new Random(1), 3, 0));
            HttpResponse<String> none = post(d, "a", "request", SERVICE, T0, body, Map.of());
            assertThat(none.statusCode()).isEqualTo(401);
            assertThat(none.body()).doesNotContain("1ngest");
            assertThat(post(d, "b", "request", SERVICE, T0, body, Map.of("Authorization", "Bearer wrong")).statusCode())
                    .isEqualTo(401);
            assertThat(post(d, "c", "request", SERVICE, T0, body, Map.of("Authorization", "Bearer 1ngest")).statusCode())
                    .isEqualTo(200);
            assertThat(post(d, "d", "request", SERVICE, T0, body, Map.of("Authorization", "Bearer wr1te")).statusCode())
                    .isEqualTo(200);
        }
    }
}
