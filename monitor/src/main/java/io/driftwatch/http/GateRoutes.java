package io.driftwatch.http;

import io.driftwatch.util.Json;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /api/v1/gate/{model}?baseline=V1&candidate=V2[&window=10m][&caller=who]}: the verdict as JSON,
 * always 200 when it could judge (Argo Rollouts' web provider reads {@code result.verdict}: pass succeeds,
 * fail fails, inconclusive leaves the run Inconclusive). {@code POST /api/v1/gate/{model}/flagger}: Flagger's
 * webhook contract: a JSON body with the canary's {@code name}, {@code namespace}, {@code phase} and
 * {@code metadata} (here {@code baseline}, {@code candidate}, optional {@code window}); 200 passes, 412
 * (fail or inconclusive) does not, with the verdict in the body. Neither needs a token: both only read
 * and record the call.
 */
final class GateRoutes {
    private static final Pattern GET = Pattern.compile("/api/v1/gate/([^/]+)/?");
    private static final Pattern FLAGGER = Pattern.compile("/api/v1/gate/([^/]+)/flagger(?:/([^/]+))?/?");
    /** Flagger's hook types the gate answers: a rollout hook counts failures, the confirm hooks hold. */
    static final java.util.List<String> HOLDING_HOOKS = java.util.List.of("confirm-rollout", "confirm-traffic-increase",
            "confirm-promotion");

    private final ApiBackend backend;

    GateRoutes(ApiBackend backend) {
        this.backend = backend;
    }

    Optional<HttpApi.Response> handle(HttpApi.Request req) {
        Matcher f = FLAGGER.matcher(req.path());
        if (f.matches()) {
            String hook = f.group(2) == null ? "confirm-promotion" : f.group(2);
            if (!hook.equals("rollout") && !HOLDING_HOOKS.contains(hook)) {
                return Optional.of(HttpApi.Response.error(404, "no Flagger hook type '" + hook + "' here: use /flagger/rollout"
                        + " or /flagger/" + String.join(", /flagger/", HOLDING_HOOKS), "gate"));
            }
            return Optional.of("POST".equals(req.method()) ? flagger(f.group(1), hook, req.body())
                    : HttpApi.Response.error(405, "Flagger's webhooks POST to " + req.path(), "gate"));
        }
        Matcher g = GET.matcher(req.path());
        if (!g.matches()) {
            return Optional.empty();
        }
        if (!"GET".equals(req.method())) {
            return Optional.of(HttpApi.Response.error(405, req.method() + " is not allowed on " + req.path(), "gate"));
        }
        String q = req.query();
        Optional<String> baseline = QueryParams.get(q, "baseline");
        Optional<String> candidate = QueryParams.get(q, "candidate");
        if (baseline.isEmpty() || candidate.isEmpty()) {
            return Optional.of(HttpApi.Response.error(400, "give ?baseline=<version>&candidate=<version>", "gate"));
        }
        return Optional.of(answer(g.group(1), baseline.get(), candidate.get(), QueryParams.get(q, "window").orElse(null),
                QueryParams.get(q, "caller").orElse("api"), null));
    }

    private HttpApi.Response flagger(String model, String hook, String body) {
        JsonNode b;
        try {
            b = Json.MAPPER.readTree(body == null || body.isBlank() ? "{}" : body);
        } catch (RuntimeException e) {
            return HttpApi.Response.error(400, "the body is not valid JSON: " + e.getMessage(), "gate");
        }
        if (!b.isObject()) {
            return HttpApi.Response.error(400, "the body must be a JSON object (Flagger's webhook payload), not "
                    + b.getNodeType().toString().toLowerCase(java.util.Locale.ROOT), "gate");
        }
        JsonNode meta = b.path("metadata");
        if (!meta.isMissingNode() && !meta.isObject()) {
            return HttpApi.Response.error(400, "metadata must be an object of strings", "gate");
        }
        String bad = wrongType(b, "", "name", "namespace", "phase", "checksum");
        bad = bad != null ? bad : wrongType(meta, "metadata.", "baseline", "candidate", "window");
        if (bad != null) {
            return HttpApi.Response.error(400, bad, "gate");
        }
        String baseline = text(meta, "baseline");
        String candidate = text(meta, "candidate");
        if (baseline == null || candidate == null) {
            return HttpApi.Response.error(400, "Flagger's webhook metadata needs baseline and candidate versions", "gate");
        }
        String caller = "flagger:" + text(b, "namespace") + "/" + text(b, "name") + " (" + hook + ", " + text(b, "phase") + ")";
        return answer(model, baseline, candidate, text(meta, "window"), caller, hook);
    }

    /** The first of {@code keys} that holds a list or an object where text belongs, said with its path. */
    private static String wrongType(JsonNode n, String prefix, String... keys) {
        for (String k : keys) {
            JsonNode v = n.get(k);
            if (v != null && v.isContainer()) {
                return prefix + k + " must be a string, not " + (v.isArray() ? "a list" : "an object");
            }
        }
        return null;
    }

    private static String text(JsonNode n, String key) {
        JsonNode v = n.get(key);
        return v == null || v.isNull() ? null : v.asString();
    }

    /** The verdict; for a Flagger {@code hook}, 412 where that hook must not pass (null: always 200). */
    private HttpApi.Response answer(String model, String baseline, String candidate, String window, String caller,
                                    String hook) {
        try {
            Map<String, Object> verdict = backend.gate(model, baseline, candidate, window, caller);
            Object v = verdict.get("verdict");
            boolean refuse = hook != null && (hook.equals("rollout") ? "fail".equals(v) : !"pass".equals(v));
            int status = refuse ? 412 : 200;
            return HttpApi.Response.json(status, Json.write(verdict), "gate");
        } catch (GateRefused e) {
            return HttpApi.Response.error(e.status(), e.getMessage(), "gate");
        }
    }
}
