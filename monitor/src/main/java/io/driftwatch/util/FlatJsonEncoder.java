package io.driftwatch.util;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.encoder.EncoderBase;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.slf4j.event.KeyValuePair;

/**
 * Log events as one flat JSON object per line: {@code @timestamp}, {@code level}, {@code logger},
 * {@code thread}, {@code message}, then each SLF4J key-value pair as its own field with its type kept
 * ({@code "records": 160}, not a list of strings), and {@code error} with the stack trace when there is
 * one. What log pipelines (Loki, Elasticsearch, Cloud Logging) index without a parsing rule. Written
 * here with the project's Jackson 3 because logstash-logback-encoder would bring Jackson 2 beside it.
 */
public final class FlatJsonEncoder extends EncoderBase<ILoggingEvent> {
    private static final Set<String> RESERVED = Set.of("@timestamp", "level", "logger", "thread", "message", "error");

    @Override
    public byte[] headerBytes() {
        return null;
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("@timestamp", Instant.ofEpochMilli(event.getTimeStamp()).toString());
        out.put("level", event.getLevel().toString());
        out.put("logger", event.getLoggerName());
        out.put("thread", event.getThreadName());
        out.put("message", event.getFormattedMessage());
        if (event.getKeyValuePairs() != null) {
            for (KeyValuePair kv : event.getKeyValuePairs()) {
                out.put(RESERVED.contains(kv.key) ? "kv_" + kv.key : kv.key, typed(kv.value));
            }
        }
        IThrowableProxy error = event.getThrowableProxy();
        if (error != null) {
            out.put("error", ThrowableProxyUtil.asString(error));
        }
        return (Json.write(out) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private static Object typed(Object v) {
        if (v == null || v instanceof Boolean) {
            return v;
        }
        if (v instanceof Number n) {
            return n instanceof Double d && !Double.isFinite(d) ? d.toString() : n;
        }
        return v.toString();
    }

    @Override
    public byte[] footerBytes() {
        return null;
    }
}
