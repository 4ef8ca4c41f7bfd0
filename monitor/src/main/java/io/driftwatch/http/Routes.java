package io.driftwatch.http;

import io.driftwatch.config.Durations;
import io.driftwatch.config.FeatureSpec;
import io.driftwatch.config.ModelConfig;
import io.driftwatch.evaluation.EvaluationRow;
import io.driftwatch.util.Json;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The routes other than /metrics. */
final class Routes {
    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 1000;
    private static final Pattern EVALUATIONS = Pattern.compile("/api/v1/models/([^/]+)/evaluations/?");
    private static final Pattern DISTRIBUTIONS = Pattern.compile("/api/v1/models/([^/]+)/distributions/?");

    private final ApiBackend backend;
    private final AlertRoutes alerts;
    private final ActionRoutes actions;
    private final Auth auth;
    private final ConsoleRoutes console;
    private final GateRoutes gates;
    private final Auth reading;
    private final Sessions sessions;
    /** Who may change things in {@link #route}: the mutating token, or under Kubernetes the caller's rights. */
    private final MutationCheck mutations;
    /** Under {@code http.auth: kubernetes}: the reviews, and the routes as one caller sees them; else null. */
    private KubeAccess access;
    private java.util.function.Function<Caller, Routes> perCaller;

    Routes(ApiBackend backend, AlertRoutes alerts, ActionRoutes actions, Auth auth) {
        this(backend, alerts, actions, auth, null);
    }

    /** {@code reading}: the read token of the console and the API; null or disabled leaves reads open. */
    Routes(ApiBackend backend, AlertRoutes alerts, ActionRoutes actions, Auth auth, Auth reading) {
        this(backend, alerts, actions, auth, reading, auth);
    }

    private Routes(ApiBackend backend, AlertRoutes alerts, ActionRoutes actions, Auth auth, Auth reading,
                   MutationCheck mutations) {
        this.mutations = mutations;
        this.backend = backend;
        this.alerts = alerts;
        this.actions = actions;
        this.auth = auth;
        this.reading = reading;
        this.sessions = new Sessions(reading == null ? null : reading.secret(), java.time.Clock.systemUTC());
        this.console = new ConsoleRoutes(this::get);
        this.gates = new GateRoutes(backend);
    }

    /**
     * Every route served, as {@code METHOD /path/{param}}: the OpenAPI document ({@code /api/v1/openapi.json})
     * has exactly these operations, and {@code OpenApiTest} checks that each is served and documented.
     */
    static final List<String> TEMPLATES = List.of("GET /healthz", "GET /readyz", "GET /metrics", "GET /api/v1/openapi.json",
            "GET /api/v1/cluster", "GET /api/v1/models", "GET /api/v1/models/{model}/evaluations",
            "GET /api/v1/models/{model}/distributions", "GET /api/v1/alerts", "GET /api/v1/dead-letters",
            "GET /api/v1/silences", "POST /api/v1/silences", "GET /api/v1/silences/{id}", "DELETE /api/v1/silences/{id}",
            "GET /api/v1/actions", "GET /api/v1/actions/{id}", "POST /api/v1/actions/{id}/approve",
            "GET /api/v1/gate/{model}", "POST /api/v1/gate/{model}/flagger", "POST /api/v1/gate/{model}/flagger/{hook}",
            "POST /api/v1/ingest/kserve", "POST /-/reload",
            "GET /", "GET /models", "GET /models/{model}", "GET /models/{model}/features/{feature}", "GET /alerts",
            "GET /actions", "GET /static/{file}", "GET /login", "POST /login", "GET /logout");

    private static final String OPENAPI = openApi();

    private static String openApi() {
        try (java.io.InputStream in = Routes.class.getResourceAsStream("/http/openapi.json")) {
            return in == null ? null : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            return null;
        }
    }

    /** Probes, metrics, static files, the API's description and the sign-in page are open whatever the read token. */
    private static boolean open(String path) {
        return path.equals("/healthz") || path.equals("/readyz") || path.equals("/metrics")
                || path.equals("/api/v1/openapi.json")
                || path.startsWith("/static/") || path.equals("/login") || path.equals("/logout");
    }

    /**
     * An internal GET of the API (for the console's pages): its path is decoded once, as the HTTP server
     * decodes a request's path, so a model named {@code fraud v2} or {@code 50%} is the same model here.
     */
    private HttpApi.Response get(String pathAndQuery) {
        int q = pathAndQuery.indexOf('?');
        String raw = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
        return route(new HttpApi.Request("GET", java.net.URI.create(raw).getPath(),
                q < 0 ? null : pathAndQuery.substring(q + 1), null, ""));
    }

    /**
     * Authenticates every request but the open ones with Kubernetes ({@code http.auth: kubernetes}); each is then
     * served by the routes {@code perCaller} makes for that caller.
     */
    Routes authenticatingWith(KubeAccess access, java.util.function.Function<Caller, Routes> perCaller) {
        this.access = access;
        this.perCaller = perCaller;
        return this;
    }

    /** The routes over one caller's views: mutations need the caller's rights rather than a token. */
    static Routes forCaller(ApiBackend backend, AlertRoutes alerts, ActionRoutes actions, Caller caller) {
        MutationCheck rights = (authorization, endpoint) -> "actions".equals(endpoint) || caller.admin() ? null
                : HttpApi.Response.error(403, caller.name() + " may not update modelmonitors in Driftwatch's namespace, "
                        + "which " + endpoint + " needs", endpoint);
        return new Routes(backend, alerts, actions, Auth.disabled(), null, rights);
    }

    HttpApi.Response handle(HttpApi.Request req) {
        if (req.body() == null) {
            return HttpApi.Response.error(413, "the request body is larger than 64 KiB", "unknown");
        }
        if (access != null && !open(req.path())) {
            return asCaller(req);
        }
        if ("/login".equals(req.path())) {
            return access == null ? Login.handle(req, reading, auth, sessions) : Login.page(200, "This console takes "
                    + "Kubernetes tokens (http.auth: kubernetes): reach it through a proxy that sends Authorization: "
                    + "Bearer with your token, such as oauth2-proxy.", false);
        }
        if ("/logout".equals(req.path())) {
            return Login.logout(req);
        }
        // every method: a POST that only reads (the gate's Flagger webhook) needs the read token like a GET;
        // a mutating one also passes its own check of the mutating token
        if (reading != null && reading.enabled() && !open(req.path()) && !reading.accepts(req.authorization())
                && !sessions.accepts(req.cookie()) && !auth.accepts(req.authorization())) {
            return req.path().startsWith("/api/") || req.path().startsWith("/-/") ? HttpApi.Response.error(401,
                    "reading needs Authorization: Bearer <read token> (http.read_token_env)", "unauthorized")
                    : Login.page(401, "Sign in to read the console.");
        }
        return route(req);
    }

    /** Serves a request as the user its bearer token belongs to (TokenReview), through that user's views. */
    private HttpApi.Response asCaller(HttpApi.Request req) {
        String token = Auth.bearer(req.authorization());
        if (token == null || token.isEmpty()) {
            return HttpApi.Response.error(401, "this endpoint needs Authorization: Bearer <Kubernetes token> "
                    + "(http.auth: kubernetes)", "unauthorized");
        }
        try {
            KubeAccess.User user = access.review(token);
            if (user == null) {
                return HttpApi.Response.error(401, "the Kubernetes API server does not accept this token (TokenReview)",
                        "unauthorized");
            }
            return perCaller.apply(new Caller(access, user)).route(req);
        } catch (KubeAccess.Unavailable e) {
            return HttpApi.Response.error(503, e.getMessage(), "unauthorized");
        } catch (Caller.Refused e) {
            return HttpApi.Response.error(e.status, e.getMessage(), "unauthorized");
        }
    }

    /** After this long with every store transaction failing, liveness fails so the orchestrator restarts us. */
    static final Duration STORE_LIVENESS = Duration.ofMinutes(2);

    private HttpApi.Response liveness() {
        Duration failing = backend.storeFailingFor();
        if (failing.compareTo(STORE_LIVENESS) >= 0) {
            return HttpApi.Response.text(503, "the store has failed every transaction for " + failing.toSeconds()
                    + " s: restart me\n", "healthz");
        }
        return HttpApi.Response.text(200, "ok\n", "healthz");
    }

    /** {@code POST /-/reload}, as Prometheus: the mutating token; 200 when applied, 400 with the errors when not. */
    private HttpApi.Response reload(HttpApi.Request req) {
        if (!"POST".equals(req.method())) {
            return new HttpApi.Response(405, Json.write(Map.of("error", req.method() + " is not allowed on /-/reload",
                    "status", 405)), "application/json", Map.of("Allow", "POST"), "reload");
        }
        HttpApi.Response refused = mutations.check(req.authorization(), "reload");
        if (refused != null) {
            return refused;
        }
        ApiBackend.ReloadOutcome o = backend.reload();
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("status", o.applied() ? "success" : "error");
        body.put("message", o.message());
        body.put("models", o.models());
        return HttpApi.Response.json(o.applied() ? 200 : 400, Json.write(body), "reload");
    }

    private HttpApi.Response route(HttpApi.Request req) {
        if ("/-/reload".equals(req.path())) {
            return reload(req);
        }
        Optional<HttpApi.Response> alertAnswer = alerts.handle(req, mutations).or(() -> actions.handle(req, mutations))
                .or(() -> gates.handle(req));
        if (alertAnswer.isPresent()) {
            return alertAnswer.get();
        }
        String method = req.method();
        String path = req.path();
        if (!"GET".equals(method) && !"HEAD".equals(method)) {
            return new HttpApi.Response(405, Json.write(Map.of("error", method + " is not allowed on " + path,
                    "status", 405)), "application/json", Map.of("Allow", "GET"), "unknown");
        }
        if ("/healthz".equals(path)) {
            return liveness();
        }
        if ("/readyz".equals(path)) {
            return readiness();
        }
        if ("/api/v1/openapi.json".equals(path)) {
            return OPENAPI == null ? HttpApi.Response.error(500, "the jar lacks http/openapi.json", "openapi")
                    : HttpApi.Response.json(200, OPENAPI, "openapi");
        }
        Optional<HttpApi.Response> page = console.handle(req);
        if (page.isPresent()) {
            return page.get();
        }
        if ("/api/v1/cluster".equals(path)) {
            try {
                return HttpApi.Response.json(200, Json.write(backend.cluster()), "cluster");
            } catch (SQLException e) {
                return HttpApi.Response.error(503, "store unavailable: " + e.getMessage(), "cluster");
            }
        }
        if ("/api/v1/models".equals(path) || "/api/v1/models/".equals(path)) {
            return HttpApi.Response.json(200, Json.write(models()), "models");
        }
        Matcher m = EVALUATIONS.matcher(path);
        if (m.matches()) {
            return evaluations(m.group(1), req.query());
        }
        Matcher d = DISTRIBUTIONS.matcher(path);
        if (d.matches()) {
            return distributions(d.group(1), req.query());
        }
        return HttpApi.Response.error(404, "no such endpoint: " + path
                + " (try /, /healthz, /readyz, /metrics, /api/v1/cluster, /api/v1/models, /api/v1/models/{model}/evaluations, "
                + "/api/v1/alerts, /api/v1/silences, /api/v1/dead-letters)", "unknown");
    }

    private List<Map<String, Object>> models() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (ModelConfig mc : backend.models()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", mc.name());
            m.put("window", Durations.format(mc.window()));
            m.put("schedule", mc.schedule().isCron() ? Map.of("cron", mc.schedule().cron())
                    : Map.of("interval", Durations.format(mc.schedule().interval())));
            m.put("features", mc.features().stream().map(Routes::feature).toList());
            m.put("prediction", mc.prediction().map(Routes::feature).orElse(null));
            m.put("last_evaluation", latest(mc.name()).map(Routes::summary).orElse(null));
            out.add(m);
        }
        return out;
    }

    private static Map<String, Object> feature(FeatureSpec f) {
        return Map.of("name", f.name(), "type", f.type().label(), "tests", f.tests());
    }

    private HttpApi.Response evaluations(String model, String query) {
        if (backend.models().stream().noneMatch(m -> m.name().equals(model))) {
            return HttpApi.Response.error(404, "unknown model '" + model + "'", "evaluations");
        }
        Optional<String> limitText = QueryParams.get(query, "limit");
        int limit = DEFAULT_LIMIT;
        if (limitText.isPresent()) {
            try {
                limit = Integer.parseInt(limitText.get());
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1 || limit > MAX_LIMIT) {
                return HttpApi.Response.error(400, "limit must be an integer from 1 to " + MAX_LIMIT
                        + ", got '" + limitText.get() + "'", "evaluations");
            }
        }
        try {
            List<Map<String, Object>> out = new ArrayList<>();
            boolean full = !"summary".equals(QueryParams.get(query, "fields").orElse("report"));
            for (EvaluationRow r : backend.evaluations(model, limit)) {
                Map<String, Object> e = summary(r);
                if (full) {
                    e.put("report", Json.MAPPER.readTree(r.report()));
                }
                out.add(e);
            }
            return HttpApi.Response.json(200, Json.write(out), "evaluations");
        } catch (SQLException e) {
            return HttpApi.Response.error(503, "store unavailable: " + e.getMessage(), "evaluations");
        }
    }

    /** One evaluation's distributions ({@code ?evaluation=id}, default the newest), while they are kept. */
    private HttpApi.Response distributions(String model, String query) {
        if (backend.models().stream().noneMatch(m -> m.name().equals(model))) {
            return HttpApi.Response.error(404, "unknown model '" + model + "'", "distributions");
        }
        try {
            Optional<String> wanted = QueryParams.get(query, "evaluation");
            long id;
            if (wanted.isPresent()) {
                try {
                    id = Long.parseLong(wanted.get());
                } catch (NumberFormatException e) {
                    return HttpApi.Response.error(400, "evaluation must be an evaluation id, got '" + wanted.get() + "'",
                            "distributions");
                }
            } else {
                Optional<EvaluationRow> newest = latest(model);
                if (newest.isEmpty()) {
                    return HttpApi.Response.error(404, "model '" + model + "' has no evaluation yet", "distributions");
                }
                id = newest.get().id();
            }
            Optional<String> detail = backend.distributions(model, id);
            if (detail.isEmpty()) {
                return HttpApi.Response.error(404, "no distributions kept for evaluation " + id + " of '" + model
                        + "' (kept for the newest evaluations of each model only)", "distributions");
            }
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("model", model);
            out.put("evaluation_id", id);
            out.put("distributions", Json.MAPPER.readTree(detail.get()));
            return HttpApi.Response.json(200, Json.write(out), "distributions");
        } catch (SQLException e) {
            return HttpApi.Response.error(503, "store unavailable: " + e.getMessage(), "distributions");
        }
    }

    private Optional<EvaluationRow> latest(String model) {
        try {
            return backend.evaluations(model, 1).stream().findFirst();
        } catch (SQLException e) {
            return Optional.empty();
        }
    }

    static Map<String, Object> summary(EvaluationRow r) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("id", r.id());
        e.put("model", r.model());
        e.put("version", r.version());
        e.put("started_at", r.startedAt().toString());
        e.put("finished_at", r.finishedAt().toString());
        e.put("window", Map.of("from", r.windowFrom().toString(), "to", r.windowTo().toString()));
        e.put("verdict", r.verdict().toLowerCase(java.util.Locale.ROOT));
        e.put("records", r.records());
        e.put("skipped", r.skipped());
        e.put("drifted_features", r.drifted());
        e.put("error", r.error());
        return e;
    }

    private HttpApi.Response readiness() {
        Map<String, Object> checks = new LinkedHashMap<>();
        boolean ready = backend.configLoaded() && backend.schedulerRunning();
        checks.put("config_loaded", backend.configLoaded());
        checks.put("scheduler_running", backend.schedulerRunning());
        Map<String, Object> models = new LinkedHashMap<>();
        for (ModelConfig m : backend.models()) {
            Map<String, Object> status = modelReadiness(m);
            ready &= (Boolean) status.get("ok");
            models.put(m.name(), status);
        }
        checks.put("models", models);
        Map<String, Object> sources = new LinkedHashMap<>();
        for (var e : new java.util.TreeMap<>(backend.sources()).entrySet()) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("up", e.getValue().up());
            s.put("since", e.getValue().since().toString());
            s.put("reason", e.getValue().reason());
            ready &= e.getValue().up();
            sources.put(e.getKey(), s);
        }
        checks.put("sources", sources);
        checks.put("cluster", clusterSummary());
        checks.put("ready", ready);
        return HttpApi.Response.json(ready ? 200 : 503, Json.write(checks), "readyz");
    }

    /** This replica and the members it sees (readiness does not depend on them: one replica is enough). */
    private Object clusterSummary() {
        try {
            Map<String, Object> c = backend.cluster();
            if (c.isEmpty()) {
                return null;
            }
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("replica", c.get("replica"));
            out.put("members", c.get("members"));
            return out;
        } catch (SQLException e) {
            return Map.of("error", "store unavailable: " + e.getMessage());
        }
    }

    /**
     * A model is ready when its last evaluation since start is at most 3 intervals old, or, before its
     * first one, while that first one is not yet overdue (due time plus one interval to run it).
     */
    private Map<String, Object> modelReadiness(ModelConfig m) {
        Duration interval = m.schedule().nominalInterval();
        Duration allowed = interval.multipliedBy(3);
        Instant now = backend.now();
        Optional<EvaluationRow> last = latest(m.name());
        Optional<Instant> sinceStart = last.map(EvaluationRow::finishedAt).filter(t -> !t.isBefore(backend.startedAt()));
        Instant due = backend.firstDue(m.name());
        boolean ok = sinceStart.map(t -> !t.plus(allowed).isBefore(now)).orElse(now.isBefore(due.plus(interval)));
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("ok", ok);
        s.put("last_evaluation", last.map(r -> r.finishedAt().toString()).orElse(null));
        if (sinceStart.isEmpty()) {
            s.put("first_due", due.toString());
            s.put("reason", ok ? "first evaluation not yet due or running" : "never evaluated since start, "
                    + "though due at " + due);
        } else if (!ok) {
            s.put("reason", "last evaluation older than 3 intervals");
        }
        s.put("max_age_seconds", allowed.toSeconds());
        return s;
    }
}
