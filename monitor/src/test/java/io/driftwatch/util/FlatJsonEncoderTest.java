package io.driftwatch.util;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.event.KeyValuePair;
import tools.jackson.databind.JsonNode;

class FlatJsonEncoderTest {
    @Test
    void keyValuesAreFlatFieldsWithTheirTypes() {
        LoggerContext ctx = new LoggerContext();
        LoggingEvent e = new LoggingEvent("x", ctx.getLogger("io.driftwatch.Test"), Level.WARN, "evaluated {}",
                new IllegalStateException("boom"), new Object[] {"m"});
        e.setKeyValuePairs(List.of(new KeyValuePair("records", 160), new KeyValuePair("drifted", true),
                new KeyValuePair("model", "m"), new KeyValuePair("message", "clash"), new KeyValuePair("p", Double.NaN)));
        JsonNode n = Json.MAPPER.readTree(new String(new FlatJsonEncoder().encode(e), StandardCharsets.UTF_8));
        assertThat(n.get("message").asString()).isEqualTo("evaluated m");
        assertThat(n.get("level").asString()).isEqualTo("WARN");
        assertThat(n.get("records").isIntegralNumber()).isTrue();
        assertThat(n.get("records").asInt()).isEqualTo(160);
        assertThat(n.get("drifted").isBoolean()).isTrue();
        assertThat(n.get("model").asString()).isEqualTo("m");
        assertThat(n.get("kv_message").asString()).isEqualTo("clash");
        assertThat(n.get("p").asString()).isEqualTo("NaN");
        assertThat(n.get("error").asString()).contains("IllegalStateException: boom");
        assertThat(n.has("kvpList")).isFalse();
    }
}
