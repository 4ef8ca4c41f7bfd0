package io.driftwatch.http;

import io.driftwatch.util.Json;
import io.driftwatch.view.Assets;
import io.driftwatch.view.Shell;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * The web console: {@code /} (models), {@code /models/{m}}, {@code /models/{m}/features/{f}},
 * {@code /alerts}, {@code /actions}, and {@code /static/*}. Each page's data is read through the JSON API
 * itself (an internal GET), so a page shows exactly what the API answers; mutating buttons call the API
 * from the browser with the token the user types. No token or receiver secret is ever put in a page.
 */
final class ConsoleRoutes {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ConsoleRoutes.class);
    private static final Pattern MODEL = Pattern.compile("/models/([^/]+)/?");
    private static final Pattern FEATURE = Pattern.compile("/models/([^/]+)/features/([^/]+)/?");
    /** Evaluations per model in the models page's charts, and in the model and feature pages. */
    static final int SPARK = 30;
    static final int HISTORY = 50;
    private static final Map<String, String> HEADERS = Map.of(
            "Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
                    + "script-src 'self'; connect-src 'self'; frame-ancestors 'none'",
            "X-Content-Type-Options", "nosniff", "Cache-Control", "no-store");

    /** Answers a GET of the JSON API: path and query. */
    private final Function<String, HttpApi.Response> api;

    ConsoleRoutes(Function<String, HttpApi.Response> api) {
        this.api = api;
    }

    Optional<HttpApi.Response> handle(HttpApi.Request req) {
        String path = req.path();
        if (path.startsWith("/static/")) {
            return Optional.of(asset(path));
        }
        try {
            if (path.equals("/") || path.equals("/models") || path.equals("/models/")) {
                return Optional.of(html("models", "Models", models()));
            }
            if (path.equals("/alerts")) {
                return Optional.of(html("alerts", "Alerts", alerts()));
            }
            if (path.equals("/actions")) {
                return Optional.of(html("actions", "Actions", Map.of("actions", read("/api/v1/actions?limit=200"))));
            }
            Matcher f = FEATURE.matcher(path);
            if (f.matches()) {
                return Optional.of(feature(f.group(1), f.group(2), req.query()));
            }
            Matcher m = MODEL.matcher(path);
            if (m.matches()) {
                return Optional.of(model(m.group(1)));
            }
        } catch (ApiError e) {
            return Optional.of(e.response);
        }
        return Optional.empty();
    }

    private static HttpApi.Response asset(String path) {
        try {
            return Assets.get(path.substring("/static/".length()))
                    .map(a -> new HttpApi.Response(200, a.text(), a.contentType(),
                            Map.of("Cache-Control", "max-age=3600", "X-Content-Type-Options", "nosniff"), "static"))
                    .orElseGet(() -> HttpApi.Response.error(404, "no such file: " + path, "static"));
        } catch (Assets.MissingAsset | java.io.UncheckedIOException e) {
            LOG.error("console file {} cannot be served: {}", path, e.getMessage());
            return HttpApi.Response.error(500, e.getMessage(), "static");
        }
    }

    private static String encode(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static HttpApi.Response html(String page, String title, Object data) {
        return new HttpApi.Response(200, Shell.page(page, title, data, Shell.Mode.LINKED), "text/html; charset=utf-8",
                HEADERS, "console");
    }

    /** An API answer that is not 200: the page answers with it. */
    private static final class ApiError extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient HttpApi.Response response;

        ApiError(HttpApi.Response response) {
            super(response.body(), null, false, false);
            this.response = new HttpApi.Response(response.status(), response.body(), response.contentType(),
                    response.headers(), "console");
        }
    }

    private JsonNode read(String pathAndQuery) {
        HttpApi.Response r = api.apply(pathAndQuery);
        if (r.status() != 200) {
            throw new ApiError(r);
        }
        return Json.MAPPER.readTree(r.body());
    }

    private Map<String, Object> models() {
        JsonNode models = read("/api/v1/models");
        Map<String, Integer> firing = firingByModel();
        List<Map<String, Object>> out = new ArrayList<>();
        for (JsonNode m : models) {
            String name = m.get("name").asString();
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("name", name);
            row.put("last_evaluation", m.get("last_evaluation"));
            row.put("firing", firing.getOrDefault(name, 0));
            row.put("history", read("/api/v1/models/" + encode(name) + "/evaluations?limit=" + SPARK + "&fields=summary"));
            out.add(row);
        }
        return Map.of("models", out);
    }

    private Map<String, Integer> firingByModel() {
        Map<String, Integer> out = new HashMap<>();
        for (JsonNode a : read("/api/v1/alerts?state=firing&limit=1000")) {
            JsonNode model = a.get("labels").get("model");
            if (model != null) {
                out.merge(model.asString(), 1, Integer::sum);
            }
        }
        return out;
    }

    private JsonNode config(String model) {
        for (JsonNode m : read("/api/v1/models")) {
            if (m.get("name").asString().equals(model)) {
                return m;
            }
        }
        throw new ApiError(HttpApi.Response.error(404, "unknown model '" + model + "'", "console"));
    }

    private HttpApi.Response model(String model) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("model", config(model));
        data.put("evaluations", read("/api/v1/models/" + encode(model) + "/evaluations?limit=" + HISTORY));
        data.put("firing", read("/api/v1/alerts?state=firing&limit=1000&model=" + encode(model)));
        return html("model", model, data);
    }

    private HttpApi.Response feature(String model, String feature, String query) {
        JsonNode m = config(model);
        boolean known = java.util.stream.StreamSupport.stream(m.path("features").spliterator(), false)
                .anyMatch(f -> f.path("name").asString().equals(feature))
                || feature.equals(m.path("prediction").path("name").asString(null));
        if (!known) {
            return HttpApi.Response.error(404, "model '" + model + "' has no feature '" + feature + "'", "console");
        }
        JsonNode evaluations = read("/api/v1/models/" + encode(model) + "/evaluations?limit=" + HISTORY);
        Optional<String> wanted = QueryParams.get(query, "evaluation");
        JsonNode chosen = null;
        List<Map<String, Object>> history = new ArrayList<>();
        for (JsonNode e : evaluations) {
            JsonNode column = column(e, feature);
            if (column == null) {
                continue;
            }
            if (chosen == null && (wanted.isEmpty() || wanted.get().equals(e.get("id").asString()))) {
                chosen = e;
            }
            history.add(Map.of("finished_at", e.get("finished_at"), "tests", column.get("tests")));
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("model", model);
        data.put("feature", feature);
        data.put("history", history);
        if (chosen != null) {
            Map<String, Object> summary = new LinkedHashMap<>();
            for (String k : List.of("id", "version", "finished_at", "window", "verdict")) {
                summary.put(k, chosen.get(k));
            }
            data.put("evaluation", summary);
            data.put("column", column(chosen, feature));
            JsonNode dist = read("/api/v1/models/" + encode(model) + "/distributions?evaluation=" + chosen.get("id").asString());
            data.put("distribution", dist.get("distributions") == null ? null : dist.get("distributions").get(feature));
        }
        return html("feature", feature + " · " + model, data);
    }

    private static JsonNode column(JsonNode evaluation, String feature) {
        JsonNode columns = evaluation.get("report") == null ? null : evaluation.get("report").get("columns");
        if (columns != null) {
            for (JsonNode c : columns) {
                if (c.get("name").asString().equals(feature)) {
                    return c;
                }
            }
        }
        return null;
    }

    private Map<String, Object> alerts() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("firing", read("/api/v1/alerts?state=firing&limit=1000"));
        data.put("recent", read("/api/v1/alerts?limit=100"));
        data.put("silences", read("/api/v1/silences"));
        data.put("dead_letters", read("/api/v1/dead-letters?limit=100"));
        return data;
    }
}
