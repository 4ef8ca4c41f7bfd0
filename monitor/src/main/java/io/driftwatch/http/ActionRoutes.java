package io.driftwatch.http;

import io.driftwatch.action.ActionExecutor;
import io.driftwatch.action.Decision;
import io.driftwatch.util.Json;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /api/v1/actions} ({@code model}, {@code limit}), {@code GET /api/v1/actions/{id}} and
 * {@code POST /api/v1/actions/{id}/approve} (bearer token; body {@code {"approver": "name"}}).
 */
final class ActionRoutes {
    private static final Pattern ONE = Pattern.compile("/api/v1/actions/(\\d+)");
    private static final Pattern APPROVE = Pattern.compile("/api/v1/actions/(\\d+)/approve");

    private final java.util.function.Supplier<ActionBackend> backends;

    ActionRoutes(java.util.function.Supplier<ActionBackend> backends) {
        this.backends = backends;
    }

    Optional<HttpApi.Response> handle(HttpApi.Request req, MutationCheck auth) {
        String path = req.path().replaceAll("/+$", "");
        if (!path.startsWith("/api/v1/actions")) {
            return Optional.empty();
        }
        Matcher approve = APPROVE.matcher(path);
        if (approve.matches() && "POST".equals(req.method())) {
            HttpApi.Response refused = auth.check(req.authorization(), "actions"); // who asks comes before what
            if (refused != null) {
                return Optional.of(refused);
            }
        }
        ActionBackend backend = backends.get();
        if (backend == null) {
            return Optional.of(path.equals("/api/v1/actions") || path.equals("/api/v1/actions/")
                    ? HttpApi.Response.json(200, "[]", "actions") // no model acts: no actions, not an error
                    : HttpApi.Response.error(404, "no model has actions configured", "actions"));
        }
        try {
            if (approve.matches()) {
                if (!"POST".equals(req.method())) {
                    return Optional.of(HttpApi.Response.error(405, "approve with POST", "actions"));
                }
                return Optional.of(approve.group(1).length() > 18
                        ? HttpApi.Response.error(404, "no action " + approve.group(1), "actions")
                        : approve(backend, Long.parseLong(approve.group(1)), req.body()));
            }
            if (!"GET".equals(req.method()) && !"HEAD".equals(req.method())) {
                return Optional.of(HttpApi.Response.error(405, req.method() + " is not allowed on " + path, "actions"));
            }
            Matcher one = ONE.matcher(path);
            if (one.matches() && one.group(1).length() <= 18) {
                return Optional.of(backend.decision(Long.parseLong(one.group(1)))
                        .map(d -> HttpApi.Response.json(200, Json.write(json(d)), "actions"))
                        .orElse(HttpApi.Response.error(404, "no action " + one.group(1), "actions")));
            }
            if (path.equals("/api/v1/actions")) {
                String model = QueryParams.get(req.query(), "model").orElse(null);
                int limit = Routes.DEFAULT_LIMIT;
                Optional<String> l = QueryParams.get(req.query(), "limit");
                if (l.isPresent()) {
                    limit = l.get().matches("\\d{1,4}") ? Integer.parseInt(l.get()) : -1;
                    if (limit < 1 || limit > Routes.MAX_LIMIT) {
                        return Optional.of(HttpApi.Response.error(400, "limit must be an integer from 1 to "
                                + Routes.MAX_LIMIT, "actions"));
                    }
                }
                return Optional.of(HttpApi.Response.json(200, Json.write(backend.decisions(model, limit).stream()
                        .map(ActionRoutes::json).toList()), "actions"));
            }
            return Optional.of(HttpApi.Response.error(404, "no such endpoint: " + path, "actions"));
        } catch (SQLException e) {
            return Optional.of(HttpApi.Response.error(503, "store unavailable: " + e.getMessage(), "actions"));
        }
    }

    private static HttpApi.Response approve(ActionBackend backend, long id, String body) throws SQLException {
        String approver = "api";
        if (!body.isBlank()) {
            HttpApi.Response[] bad = new HttpApi.Response[1];
            Optional<JsonNode> n = Bodies.json(body, "actions", bad);
            if (n.isEmpty()) {
                return bad[0];
            }
            JsonNode a = n.get().get("approver");
            if (!n.get().isObject() || (a != null && !a.isString())) {
                return HttpApi.Response.error(400, "the body must be a JSON object such as {\"approver\": \"ana\"}",
                        "actions");
            }
            approver = a == null ? approver : a.asString();
        }
        try {
            return HttpApi.Response.json(202, Json.write(json(backend.approve(id, approver))), "actions");
        } catch (ActionExecutor.ActionNotApprovable e) {
            return HttpApi.Response.error(e.status(), e.getMessage(), "actions");
        }
    }

    static Map<String, Object> json(Decision d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", d.id());
        m.put("model", d.model());
        m.put("kind", d.kind().name().toLowerCase(java.util.Locale.ROOT));
        m.put("strategy", d.strategy());
        m.put("rule", d.rule());
        m.put("state", d.state().name().toLowerCase(java.util.Locale.ROOT));
        m.put("guard", d.guard());
        m.put("target", d.target());
        m.put("patch", d.patch());
        m.put("revision_before", d.revisionBefore());
        m.put("revision_after", d.revisionAfter());
        m.put("error", d.error());
        m.put("approved_by", d.approvedBy());
        m.put("evidence", d.evidence());
        m.put("created_at", d.createdAt().toString());
        m.put("expires_at", d.expiresAt() == null ? null : d.expiresAt().toString());
        m.put("finished_at", d.finishedAt() == null ? null : d.finishedAt().toString());
        return m;
    }
}
