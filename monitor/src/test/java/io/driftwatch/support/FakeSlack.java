package io.driftwatch.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.driftwatch.util.Json;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;

/**
 * A local HTTP server that speaks the part of Slack's Web API Driftwatch uses: {@code auth.test},
 * {@code chat.postMessage}, {@code chat.update} and {@code conversations.history} (with message
 * metadata), under {@code /api/}, plus an incoming webhook at {@code /webhook}. Faults can be queued:
 * {@code 429} (with Retry-After: 3), {@code 500}, {@code slow} (no answer until the server closes) and
 * {@code ratelimited} (HTTP 200 with ok=false).
 */
public final class FakeSlack implements AutoCloseable {
    public static final String TOKEN = "xoxb-test-token";

    /** A message as the fake workspace holds it. */
    public record Message(String channel, String ts, String text, JsonNode blocks, JsonNode metadata) {
    }

    private final HttpServer server;
    private final Map<String, Message> messages = new LinkedHashMap<>();
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final List<JsonNode> webhookBodies = new CopyOnWriteArrayList<>();
    private final Deque<String> faults = new ConcurrentLinkedDeque<>();
    private final java.util.concurrent.CountDownLatch closing = new java.util.concurrent.CountDownLatch(1);
    private final AtomicLong clock = new AtomicLong(1_764_320_000_000_100L);

    public FakeSlack() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/", this::api);
        server.createContext("/webhook", this::webhook);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
    }

    public String apiUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/";
    }

    public String webhookUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/webhook/T1/B1/secret";
    }

    public void fault(String... f) {
        faults.addAll(List.of(f));
    }

    public List<String> calls() {
        return List.copyOf(calls);
    }

    public synchronized List<Message> messages() {
        return new ArrayList<>(messages.values());
    }

    public List<JsonNode> webhookBodies() {
        return List.copyOf(webhookBodies);
    }

    private boolean faulted(HttpExchange ex) throws IOException {
        String f = faults.poll();
        if (f == null) {
            return false;
        }
        switch (f) {
            case "429" -> {
                ex.getResponseHeaders().add("Retry-After", "3");
                respond(ex, 429, "{\"ok\":false,\"error\":\"ratelimited\"}");
            }
            case "500" -> respond(ex, 500, "{\"ok\":false,\"error\":\"internal_error\"}");
            case "slow" -> {
                try {
                    closing.await(30, java.util.concurrent.TimeUnit.SECONDS); // no answer before the client gives up
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                respond(ex, 200, "{\"ok\":true}");
            }
            default -> respond(ex, 200, "{\"ok\":false,\"error\":\"" + f + "\"}");
        }
        return true;
    }

    /**
     * Slack's limits on a message's blocks: 50 blocks, a header's text of 150 characters, a section's of
     * 3,000 ({@code invalid_blocks}), and about 13,000 characters of block text in all
     * ({@code msg_blocks_too_long}).
     */
    public static String limits(JsonNode blocks) {
        if (blocks == null || blocks.isNull() || blocks.isMissingNode()) {
            return null;
        }
        if (blocks.size() > 50) {
            return "invalid_blocks";
        }
        int total = 0;
        for (JsonNode b : blocks) {
            String type = b.path("type").asString();
            int text = b.path("text").path("text").asString("").length();
            for (JsonNode e : b.path("elements")) {
                text += e.path("text").asString("").length();
            }
            if (type.equals("header") && text > 150 || type.equals("section") && text > 3000) {
                return "invalid_blocks";
            }
            total += text;
        }
        return total > 13_000 ? "msg_blocks_too_long" : null;
    }

    private void api(HttpExchange ex) throws IOException {
        String method = ex.getRequestURI().getPath().substring("/api/".length());
        Map<String, String> form = form(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        calls.add(method);
        if (faulted(ex)) {
            return;
        }
        if (!("Bearer " + TOKEN).equals(ex.getRequestHeaders().getFirst("Authorization"))) {
            respond(ex, 200, "{\"ok\":false,\"error\":\"invalid_auth\"}");
            return;
        }
        respond(ex, 200, Json.write(answer(method, form)));
    }

    private synchronized Map<String, Object> answer(String method, Map<String, String> form) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("ok", true);
        String refused = method.startsWith("chat.") ? limits(tree(form.get("blocks"))) : null;
        if (refused != null) {
            return Map.of("ok", false, "error", refused);
        }
        switch (method) {
            case "auth.test" -> {
                out.put("user_id", "U1");
                out.put("team_id", "T1");
            }
            case "chat.postMessage" -> {
                String ts = String.format("%d.%06d", clock.get() / 1_000_000, clock.getAndIncrement() % 1_000_000);
                Message m = new Message("C1", ts, form.get("text"), tree(form.get("blocks")), tree(form.get("metadata")));
                messages.put(ts, m);
                out.put("channel", "C1");
                out.put("ts", ts);
            }
            case "chat.update" -> {
                Message old = messages.get(form.get("ts"));
                if (old == null) {
                    return Map.of("ok", false, "error", "message_not_found");
                }
                messages.put(old.ts(), new Message(old.channel(), old.ts(), form.get("text"), tree(form.get("blocks")),
                        old.metadata()));
                out.put("channel", old.channel());
                out.put("ts", old.ts());
            }
            case "conversations.history" -> out.put("messages", messages.values().stream().map(m -> {
                Map<String, Object> v = new LinkedHashMap<>();
                v.put("type", "message");
                v.put("ts", m.ts());
                v.put("text", m.text());
                if (m.metadata() != null) {
                    v.put("metadata", m.metadata());
                }
                return v;
            }).toList());
            default -> {
                return Map.of("ok", false, "error", "unknown_method");
            }
        }
        return out;
    }

    private void webhook(HttpExchange ex) throws IOException {
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        calls.add("webhook");
        if (faulted(ex)) {
            return;
        }
        webhookBodies.add(Json.MAPPER.readTree(body));
        respond(ex, 200, "ok");
    }

    private static JsonNode tree(String json) {
        return json == null ? null : Json.MAPPER.readTree(json);
    }

    private static Map<String, String> form(String body) {
        Map<String, String> out = new LinkedHashMap<>();
        if (body.startsWith("{")) {
            Json.MAPPER.readTree(body).properties().forEach(e -> out.put(e.getKey(),
                    e.getValue().isString() ? e.getValue().asString() : e.getValue().toString()));
            return out;
        }
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private static void respond(HttpExchange ex, int code, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", body.startsWith("{") ? "application/json" : "text/plain");
        ex.sendResponseHeaders(code, b.length);
        ex.getResponseBody().write(b);
        ex.close();
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
    }
}
