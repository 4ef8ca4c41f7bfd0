package io.driftwatch.http;

import io.driftwatch.alert.Alert;
import io.driftwatch.alert.LabelMatcher;
import io.driftwatch.alert.silence.Silence;
import io.driftwatch.config.Durations;
import io.driftwatch.alert.AlertStore;
import io.driftwatch.alert.outbox.OutboxStore;
import io.driftwatch.util.Json;
import java.sql.SQLException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /api/v1/alerts} (filters {@code status}, {@code model}, {@code alertname}, {@code limit}),
 * {@code GET|POST /api/v1/silences}, {@code GET|DELETE /api/v1/silences/{id}} and
 * {@code GET /api/v1/dead-letters} ({@code receiver}, {@code limit}). POST and DELETE need the token.
 */
final class AlertRoutes {
    private static final Set<String> SILENCE_FIELDS = Set.of("matchers", "startsAt", "endsAt", "duration", "createdBy",
            "comment");

    private final AlertBackend backend;
    private final java.time.Clock clock;

    AlertRoutes(AlertBackend backend, java.time.Clock clock) {
        this.backend = backend;
        this.clock = clock;
    }

    Optional<HttpApi.Response> handle(HttpApi.Request req, MutationCheck auth) {
        String path = req.path().replaceAll("/+$", "");
        try {
            if (path.equals("/api/v1/alerts")) {
                return Optional.of(get(req, "alerts", () -> alerts(req)));
            }
            if (path.equals("/api/v1/dead-letters")) {
                return Optional.of(get(req, "dead_letters", () -> deadLetters(req)));
            }
            if (path.equals("/api/v1/silences")) {
                if ("POST".equals(req.method())) {
                    HttpApi.Response refused = auth.check(req.authorization(), "silences");
                    return Optional.of(refused != null ? refused : create(req.body()));
                }
                return Optional.of(get(req, "silences", () -> HttpApi.Response.json(200,
                        Json.write(backend.silences().stream().map(this::silence).toList()), "silences")));
            }
            if (path.startsWith("/api/v1/silences/")) {
                return Optional.of(one(req, path.substring("/api/v1/silences/".length()), auth));
            }
        } catch (SQLException e) {
            return Optional.of(HttpApi.Response.error(503, "store unavailable: " + e.getMessage(), "alerts"));
        }
        return Optional.empty();
    }

    interface Body {
        HttpApi.Response get() throws SQLException;
    }

    private static HttpApi.Response get(HttpApi.Request req, String endpoint, Body body) throws SQLException {
        if (!"GET".equals(req.method()) && !"HEAD".equals(req.method())) {
            return new HttpApi.Response(405, Json.write(Map.of("error", req.method() + " is not allowed on "
                    + req.path(), "status", 405)), "application/json", Map.of("Allow", "GET"), endpoint);
        }
        return body.get();
    }

    private HttpApi.Response alerts(HttpApi.Request req) throws SQLException {
        String q = req.query();
        Optional<String> status = QueryParams.get(q, "status");
        Optional<String> state = QueryParams.get(q, "state");
        for (Optional<String> v : List.of(status, state)) {
            if (v.isPresent() && !Set.of("firing", "resolved").contains(v.get())) {
                return HttpApi.Response.error(400, (v == status ? "status" : "state") + " must be firing or resolved, "
                        + "got '" + v.get() + "'", "alerts");
            }
        }
        if (status.isPresent() && state.isPresent()) {
            return HttpApi.Response.error(400, "give state (alerts in that state now) or status (events), not both",
                    "alerts");
        }
        int limit = limit(q);
        if (limit < 0) {
            return HttpApi.Response.error(400, "limit must be an integer from 1 to " + Routes.MAX_LIMIT, "alerts");
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (AlertStore.Row r : backend.alerts(state.or(() -> status).orElse(null), state.isPresent(),
                QueryParams.get(q, "model").orElse(null),
                QueryParams.get(q, "alertname").orElse(null), limit)) {
            out.add(alert(r));
        }
        return HttpApi.Response.json(200, Json.write(out), "alerts");
    }

    private static Map<String, Object> alert(AlertStore.Row r) {
        Alert a = r.alert();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        m.put("fingerprint", a.fingerprint());
        m.put("status", a.status().label());
        m.put("labels", a.labels());
        m.put("annotations", a.annotations());
        m.put("value", a.value());
        m.put("startsAt", a.startsAt().toString());
        m.put("endsAt", a.endsAt() == null ? null : a.endsAt().toString());
        m.put("createdAt", Instant.ofEpochMilli(r.createdAt()).toString());
        return m;
    }

    private HttpApi.Response deadLetters(HttpApi.Request req) throws SQLException {
        int limit = limit(req.query());
        if (limit < 0) {
            return HttpApi.Response.error(400, "limit must be an integer from 1 to " + Routes.MAX_LIMIT, "dead_letters");
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (OutboxStore.DeadLetter d : backend.deadLetters(QueryParams.get(req.query(), "receiver").orElse(null), limit)) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", d.id());
            m.put("receiver", d.receiver());
            m.put("groupKey", d.groupKey());
            m.put("attempts", d.attempts());
            m.put("lastError", d.lastError());
            m.put("createdAt", Instant.ofEpochMilli(d.createdAt()).toString());
            m.put("notification", Json.MAPPER.readTree(d.payload()));
            out.add(m);
        }
        return HttpApi.Response.json(200, Json.write(out), "dead_letters");
    }

    private static int limit(String query) {
        Optional<String> text = QueryParams.get(query, "limit");
        if (text.isEmpty()) {
            return Routes.DEFAULT_LIMIT;
        }
        try {
            int n = Integer.parseInt(text.get());
            return n < 1 || n > Routes.MAX_LIMIT ? -1 : n;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private HttpApi.Response one(HttpApi.Request req, String id, MutationCheck auth) throws SQLException {
        if ("DELETE".equals(req.method())) {
            HttpApi.Response refused = auth.check(req.authorization(), "silences");
            if (refused != null) {
                return refused;
            }
            return backend.expireSilence(id) ? HttpApi.Response.json(200, Json.write(Map.of("id", id, "state", "expired")),
                    "silences") : HttpApi.Response.error(404, "no active or pending silence '" + id + "'", "silences");
        }
        return get(req, "silences", () -> backend.silences().stream().filter(s -> s.id().equals(id)).findFirst()
                .map(s -> HttpApi.Response.json(200, Json.write(silence(s)), "silences"))
                .orElse(HttpApi.Response.error(404, "no silence '" + id + "'", "silences")));
    }

    private Map<String, Object> silence(Silence s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.id());
        m.put("matchers", s.matchers());
        m.put("startsAt", s.startsAt().toString());
        m.put("endsAt", s.endsAt().toString());
        m.put("createdBy", s.createdBy());
        m.put("comment", s.comment());
        m.put("state", s.state(clock.instant()));
        return m;
    }

    private HttpApi.Response create(String body) throws SQLException {
        HttpApi.Response[] bad = new HttpApi.Response[1];
        JsonNode n = Bodies.json(body, "silences", bad).orElse(null);
        if (n == null) {
            return bad[0];
        }
        List<String> errors = new ArrayList<>();
        Silence s = n == null || !n.isObject() ? null : parse(n, errors);
        if (n == null || !n.isObject()) {
            errors.add("the body must be a JSON object");
        }
        if (!errors.isEmpty()) {
            return HttpApi.Response.json(400, Json.write(Map.of("error", String.join("; ", errors), "errors", errors,
                    "status", 400)), "silences");
        }
        backend.addSilence(s);
        return HttpApi.Response.json(201, Json.write(silence(s)), "silences");
    }

    private Silence parse(JsonNode n, List<String> errors) {
        n.propertyNames().stream().filter(k -> !SILENCE_FIELDS.contains(k))
                .forEach(k -> errors.add("unknown field '" + k + "'; allowed: " + SILENCE_FIELDS));
        List<String> matchers = new ArrayList<>();
        JsonNode ms = n.get("matchers");
        if (ms == null || !ms.isArray() || ms.isEmpty()) {
            errors.add("matchers: a non-empty list such as [\"model=\\\"credit-risk\\\"\"] is required");
        } else {
            for (JsonNode m : ms) {
                String[] err = new String[1];
                if (!m.isString() || LabelMatcher.parse(m.asString(), err).isEmpty()) {
                    errors.add("matchers: " + (m.isString() ? err[0] : "each matcher is a string"));
                } else {
                    matchers.add(m.asString());
                }
            }
        }
        Instant now = clock.instant();
        Instant start = instant(n, "startsAt", errors).orElse(now);
        Instant end = instant(n, "endsAt", errors).orElse(null);
        if (n.has("duration")) {
            Optional<java.time.Duration> d = n.get("duration").isString() ? Durations.parse(n.get("duration").asString())
                    : Optional.empty();
            if (d.isEmpty()) {
                errors.add(n.get("duration").isString() ? "duration: '" + n.get("duration").asString()
                        + "' is not a duration such as 2h or 30m" : "duration must be a string such as \"2h\" or \"30m\"");
            } else {
                end = start.plus(d.get());
            }
        }
        if (end == null) {
            errors.add("endsAt or duration is required");
        } else if (!end.isAfter(start) || !end.isAfter(now)) {
            errors.add("endsAt must be after startsAt and in the future");
        }
        String by = text(n, "createdBy", errors);
        String comment = text(n, "comment", errors);
        return errors.isEmpty() ? new Silence(UUID.randomUUID().toString(), matchers, start, end, by, comment, now) : null;
    }

    private static Optional<Instant> instant(JsonNode n, String key, List<String> errors) {
        if (!n.has(key)) {
            return Optional.empty();
        }
        if (!n.get(key).isString()) {
            errors.add(key + " must be an ISO-8601 instant as a string, not " + n.get(key).getNodeType().toString()
                    .toLowerCase(java.util.Locale.ROOT));
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(n.get(key).asString()));
        } catch (DateTimeParseException e) {
            errors.add(key + ": '" + n.get(key).asString() + "' is not an ISO-8601 instant");
            return Optional.empty();
        }
    }

    private static String text(JsonNode n, String key, List<String> errors) {
        JsonNode v = n.get(key);
        if (v == null || !v.isString() || v.asString().isBlank()) {
            errors.add(key + " is required (who silences, and why)");
            return null;
        }
        return v.asString();
    }
}
