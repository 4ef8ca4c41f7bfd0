package io.driftwatch.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.action.ActionExecutor;
import io.driftwatch.action.Decision;
import io.driftwatch.alert.silence.Silence;
import io.driftwatch.config.HttpConfig;
import io.driftwatch.config.ModelConfig;
import io.driftwatch.alert.AlertStore;
import io.driftwatch.evaluation.EvaluationRow;
import io.driftwatch.alert.outbox.OutboxStore;
import io.driftwatch.support.Garbage;
import io.driftwatch.util.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;

/**
 * The API's JSON bodies (silences, approvals) and query strings, 10,000 generated inputs each: every
 * answer is a JSON error or success with a 2xx/4xx status, never a 500 or an exception.
 */
class ApiBodiesPropertyTest {
    private static final Set<Integer> EXPECTED = Set.of(200, 201, 202, 400, 404, 405, 409, 413);
    private final List<Silence> silences = new ArrayList<>();
    private final Routes routes = new Routes(api(), new AlertRoutes(alerts(), Clock.systemUTC()),
            new ActionRoutes(this::actions), auth());

    private static Auth auth() {
        try {
            Path token = Files.createTempFile("dw-token", "");
            Files.writeString(token, "t");
            return Auth.from(new HttpConfig("127.0.0.1", 0, null, token));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HttpApi.Response post(String path, String body) {
        HttpApi.Response r = routes.handle(new HttpApi.Request("POST", path, null, "Bearer t", body));
        assertThat(r.status()).as(r.body()).isIn(EXPECTED);
        assertThat(Json.MAPPER.readTree(r.body()).isObject()).isTrue();
        return r;
    }

    @Provide
    Arbitrary<String> silenceBodies() {
        return Garbage.text(List.of("{\"matchers\": [\"model=\\\"m\\\"\", \"feature=~\\\"inc.*\\\"\"], \"duration\": \"2h\", "
                + "\"createdBy\": \"ana\", \"comment\": \"deploy\"}", "{\"matchers\": [\"a=\\\"b\\\"\"], \"startsAt\": "
                + "\"2026-12-01T00:00:00Z\", \"endsAt\": \"2026-12-02T00:00:00Z\", \"createdBy\": \"x\", \"comment\": \"\"}"));
    }

    @Property(tries = 10_000, shrinking = ShrinkingMode.BOUNDED)
    void silenceBodiesGetAnAnswerNeverAnError500(@ForAll("silenceBodies") String body) {
        post("/api/v1/silences", body);
    }

    @Provide
    Arbitrary<String> approvals() {
        return Garbage.text(List.of("{\"approver\": \"ana\"}", "{}"));
    }

    @Property(tries = 10_000, shrinking = ShrinkingMode.BOUNDED)
    void approvalBodiesGetAnAnswerNeverAnError500(@ForAll("approvals") String body) {
        post("/api/v1/actions/7/approve", body);
    }

    @Provide
    Arbitrary<String> queries() {
        return Garbage.text(List.of("status=firing&model=m&alertname=A&limit=20", "state=resolved&limit=1000",
                "limit=0", "model=%ZZ&limit=-1"));
    }

    @Property(tries = 10_000, shrinking = ShrinkingMode.BOUNDED)
    void queryStringsGetAnAnswerNeverAnError500(@ForAll("queries") String query) {
        for (String path : List.of("/api/v1/alerts", "/api/v1/dead-letters", "/api/v1/actions",
                "/api/v1/models/m/evaluations")) {
            HttpApi.Response r = routes.handle(new HttpApi.Request("GET", path, query, null, ""));
            assertThat(r.status()).as(path + "?" + query + ": " + r.body()).isIn(EXPECTED);
        }
    }

    @Provide
    Arbitrary<String> names() {
        return net.jqwik.api.Arbitraries.strings().all().ofMinLength(0).ofMaxLength(40)
                .edgeCases(e -> e.add("fraud v2").add("50% off").add("a+b").add("..").add("größe").add("x\u0000y"));
    }

    /** Paths naming a model or a feature with every character class: a 2xx or 4xx answer, never a 500. */
    @Property(tries = 3_000, shrinking = ShrinkingMode.BOUNDED)
    void pathsWithAnyNameGetAnAnswerNeverAnError500(@ForAll("names") String name) {
        String n = name.replace("/", "%2F");
        for (String path : List.of("/models/" + n, "/models/" + n + "/features/" + n, "/api/v1/models/" + n + "/evaluations",
                "/api/v1/models/" + n + "/distributions", "/api/v1/gate/" + n)) {
            HttpApi.Response r = routes.handle(new HttpApi.Request("GET", path, "baseline=1&candidate=2&evaluation=1", null, ""));
            assertThat(r.status()).as(path + ": " + r.body()).isIn(EXPECTED);
        }
        HttpApi.Response flagger = routes.handle(new HttpApi.Request("POST", "/api/v1/gate/" + n + "/flagger/rollout", null,
                null, "{\"metadata\": {\"baseline\": " + Json.write(name) + ", \"candidate\": \"2\"}}"));
        assertThat(flagger.status()).as(flagger.body()).isIn(EXPECTED);
    }

    /** Found by Schemathesis: a silence whose endsAt, startsAt or duration is an object is a 400, not a 500. */
    @net.jqwik.api.Example
    void aSilenceWithAnObjectForATimeIsABadRequest() {
        for (String field : List.of("endsAt", "startsAt", "duration")) {
            HttpApi.Response r = post("/api/v1/silences", "{\"matchers\": [\"a=\\\"b\\\"\"], \"" + field
                    + "\": {}, \"createdBy\": \"x\", \"comment\": \"y\"}");
            assertThat(r.status()).as(r.body()).isEqualTo(400);
            assertThat(r.body()).contains(field);
        }
    }

    /** Liveness follows the store: failing every transaction for two minutes is a 503 for the orchestrator. */
    @net.jqwik.api.Example
    void livenessFailsWhenTheStoreHasFailedForTwoMinutes() {
        java.time.Duration[] failing = {java.time.Duration.ZERO};
        ApiBackend base = api();
        ApiBackend store = new ApiBackend() {
            @Override public List<ModelConfig> models() { return base.models(); }
            @Override public List<EvaluationRow> evaluations(String model, int limit) { return List.of(); }
            @Override public boolean configLoaded() { return true; }
            @Override public boolean schedulerRunning() { return true; }
            @Override public Instant startedAt() { return Instant.EPOCH; }
            @Override public Instant now() { return Instant.EPOCH; }
            @Override public Map<String, io.driftwatch.source.SourceStatus> sources() { return Map.of(); }
            @Override public java.time.Duration storeFailingFor() { return failing[0]; }
        };
        Routes r = new Routes(store, new AlertRoutes(alerts(), Clock.systemUTC()), new ActionRoutes(this::actions), auth());
        assertThat(r.handle(new HttpApi.Request("GET", "/healthz", null, null, "")).status()).isEqualTo(200);
        failing[0] = java.time.Duration.ofSeconds(119);
        assertThat(r.handle(new HttpApi.Request("GET", "/healthz", null, null, "")).status()).isEqualTo(200);
        failing[0] = java.time.Duration.ofMinutes(2);
        HttpApi.Response down = r.handle(new HttpApi.Request("GET", "/healthz", null, null, ""));
        assertThat(down.status()).isEqualTo(503);
        assertThat(down.body()).contains("the store has failed every transaction for 120 s");
    }

    private ActionBackend actions() {
        return new ActionBackend() {
            @Override
            public List<Decision> decisions(String model, int limit) {
                return List.of();
            }

            @Override
            public Optional<Decision> decision(long id) {
                return Optional.empty();
            }

            @Override
            public Decision approve(long id, String approver) throws ActionExecutor.ActionNotApprovable {
                throw new ActionExecutor.ActionNotApprovable(404, "no action " + id);
            }
        };
    }

    private AlertBackend alerts() {
        return new AlertBackend() {
            @Override
            public List<AlertStore.Row> alerts(String status, boolean current, String model, String alertname,
                                               int limit) {
                return List.of();
            }

            @Override
            public List<Silence> silences() {
                return silences;
            }

            @Override
            public void addSilence(Silence s) {
                silences.clear();
                silences.add(s);
            }

            @Override
            public boolean expireSilence(String id) {
                return false;
            }

            @Override
            public List<OutboxStore.DeadLetter> deadLetters(String receiver, int limit) {
                return List.of();
            }
        };
    }

    private static ApiBackend api() {
        return new ApiBackend() {
            @Override
            public List<ModelConfig> models() {
                return List.of();
            }

            @Override
            public List<EvaluationRow> evaluations(String model, int limit) {
                return List.of();
            }

            @Override
            public boolean configLoaded() {
                return true;
            }

            @Override
            public boolean schedulerRunning() {
                return true;
            }

            @Override
            public Instant startedAt() {
                return Instant.EPOCH;
            }

            @Override
            public Instant now() {
                return Instant.EPOCH;
            }

            @Override
            public Map<String, io.driftwatch.source.SourceStatus> sources() {
                return Map.of();
            }
        };
    }
}
