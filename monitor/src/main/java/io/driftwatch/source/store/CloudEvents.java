package io.driftwatch.source.store;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * CloudEvents 1.0 of a model server's payload logger, as KServe's logger sends them: binary mode (the
 * attributes in {@code ce-*} headers, the request or response body as the HTTP body) or structured mode
 * ({@code application/cloudevents+json}, one event, or {@code application/cloudevents-batch+json}, a list).
 * The attributes used: {@code id} (shared by a request and its response), {@code type}
 * ({@code org.kubeflow.serving.inference.request} or {@code .response}), {@code time} (else arrival), and the
 * extensions {@code inferenceservicename} and {@code namespace}. The data must be a JSON object.
 */
public final class CloudEvents {
    public static final String REQUEST = "org.kubeflow.serving.inference.request";
    public static final String RESPONSE = "org.kubeflow.serving.inference.response";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int MAX_ID = 256;

    private CloudEvents() {
    }

    /** An event that cannot be taken: the metric's reason and a message for the sender. */
    public static final class Invalid extends Exception {
        private static final long serialVersionUID = 1L;
        private final String reason;

        Invalid(String reason, String message) {
            super(message, null, false, false);
            this.reason = reason;
        }

        public String reason() {
            return reason;
        }
    }

    /** A binary-mode event: {@code header} gives a header's value by its lower-case name. */
    public static IngestEvent binary(Function<String, String> header, byte[] body, Instant now) throws Invalid {
        return event(attr -> header.apply("ce-" + attr), new String(body, StandardCharsets.UTF_8), now);
    }

    /** Structured mode: one event, or a batch (a JSON list of events). */
    public static List<IngestEvent> structured(byte[] body, boolean batch, Instant now) throws Invalid {
        JsonNode doc;
        try {
            doc = JSON.readTree(body);
        } catch (JacksonException e) {
            throw new Invalid("malformed_json", "the body is not JSON: " + e.getOriginalMessage());
        }
        if (batch != (doc != null && doc.isArray())) {
            throw new Invalid("not_an_event", batch ? "a batch of CloudEvents is a JSON list" : "a CloudEvent is a JSON object");
        }
        if (batch && doc.isEmpty()) {
            throw new Invalid("not_an_event", "a batch of CloudEvents holds at least one event");
        }
        List<IngestEvent> out = new ArrayList<>();
        for (JsonNode e : batch ? doc : List.of(doc)) {
            if (!e.isObject()) {
                throw new Invalid("not_an_event", "event " + out.size() + " of the batch is not a JSON object");
            }
            out.add(event(attr -> e.path(attr).isValueNode() && !e.path(attr).isNull() ? e.get(attr).asString() : null,
                    data(e), now));
        }
        return out;
    }

    private static String data(JsonNode e) throws Invalid {
        if (e.has("data_base64")) {
            try {
                return new String(Base64.getDecoder().decode(e.get("data_base64").asString()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException x) {
                throw new Invalid("bad_data", "data_base64 is not base64");
            }
        }
        JsonNode data = e.get("data");
        return data == null ? "" : data.isString() ? data.asString() : data.toString();
    }

    private static IngestEvent event(Function<String, String> attr, String data, Instant now) throws Invalid {
        for (String required : List.of("specversion", "id", "type", "source")) {
            if (blank(attr.apply(required))) {
                throw new Invalid("missing_attribute", "the CloudEvent has no " + required + " (ce-" + required + ")");
            }
        }
        if (!attr.apply("specversion").startsWith("1.")) {
            throw new Invalid("bad_attribute", "CloudEvents specversion " + attr.apply("specversion") + " is not 1.x");
        }
        String type = attr.apply("type");
        if (!type.equals(REQUEST) && !type.equals(RESPONSE)) {
            throw new Invalid("unsupported_type", "type " + clip(type) + " is neither " + REQUEST + " nor " + RESPONSE);
        }
        String service = attr.apply("inferenceservicename");
        if (blank(service)) {
            throw new Invalid("missing_attribute", "the CloudEvent has no inferenceservicename (ce-inferenceservicename)");
        }
        String id = attr.apply("id");
        if (id.length() > MAX_ID || service.length() > 253) {
            throw new Invalid("bad_attribute", "id or inferenceservicename is too long");
        }
        return new IngestEvent(service, attr.apply("namespace"), id, type.equals(REQUEST) ? IngestEvent.Kind.REQUEST
                : IngestEvent.Kind.RESPONSE, time(attr.apply("time"), now), object(data));
    }

    private static String object(String data) throws Invalid {
        try {
            JsonNode n = JSON.readTree(data);
            if (n == null || !n.isObject()) {
                throw new Invalid("bad_data", "the event's data is not a JSON object (a KServe v1 or Open Inference "
                        + "Protocol body)");
            }
            return data;
        } catch (JacksonException e) {
            throw new Invalid("bad_data", "the event's data is not JSON: " + e.getOriginalMessage());
        }
    }

    private static Instant time(String text, Instant now) throws Invalid {
        if (text == null || text.isBlank()) {
            return now;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new Invalid("bad_attribute", "time " + clip(text) + " is not an RFC 3339 timestamp");
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String clip(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "…" : s;
    }
}
