package io.driftwatch.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftwatch.alert.notify.NotifyException;
import io.driftwatch.alert.notify.slack.SlackMessage;
import io.driftwatch.alert.notify.slack.SlackNotifier;
import io.driftwatch.support.FakeSlack;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Slack receiver through the official SDK against a local server that speaks Slack's Web API. */
class SlackNotifierTest {
    private static final Path TEMPLATES = Path.of(System.getProperty("driftwatch.repo", ".."), "alerts", "templates");
    private FakeSlack slack;

    @BeforeEach
    void start() throws Exception {
        slack = new FakeSlack();
    }

    @AfterEach
    void stop() {
        slack.close();
    }

    private SlackNotifier api(String tokenEnv) {
        return new SlackNotifier(new io.driftwatch.alert.notify.slack.SlackConfig("slack", tokenEnv, "C1", null, null, slack.apiUrl(),
                Duration.ofSeconds(1), true, TEMPLATES), SlackMessage.from(TEMPLATES));
    }

    private static Alert alert(AlertStatus status) {
        Map<String, String> labels = Map.of("alertname", "FeatureDrift", "model", "credit-risk", "feature", "income",
                "severity", "critical");
        return new Alert(Alert.fingerprint(labels), labels, Map.of("summary", "PSI 0.41 on income", "expr", "psi > 0.25",
                "model_version", "7"), status, Instant.parse("2026-11-28T10:00:00Z"), null, 0.41,
                "http://driftwatch:8080/api/v1/models/credit-risk/evaluations?limit=1");
    }

    private static Notification notification(AlertStatus status, String key, int attempts, String ref) {
        return new Notification(1, "slack", "0:{}", Map.of(), List.of(alert(status)), key, attempts, ref);
    }

    @Test
    void postsABlockKitMessageThenUpdatesItForTheResolution() throws Exception {
        SlackNotifier n = api("DRIFTWATCH_TEST_SLACK_TOKEN");
        String ref = n.send(notification(AlertStatus.FIRING, "dw-1", 0, null));
        assertThat(slack.messages()).singleElement().satisfies(m -> {
            assertThat(ref).isEqualTo("C1|" + m.ts());
            assertThat(m.text()).isEqualTo("[firing] FeatureDrift on credit-risk (1 alert(s))");
            assertThat(m.metadata().get("event_payload").get("idempotency_key").asString()).isEqualTo("dw-1");
            assertThat(m.blocks().get(0).get("type").asString()).isEqualTo("header");
            String section = m.blocks().get(1).get("text").get("text").asString();
            assertThat(section).contains("*FeatureDrift*", "severity *critical*", "model `credit-risk`", "version `7`",
                    "feature `income`", "value *0.41*", "rule `psi &gt; 0.25`",
                    "<http://driftwatch:8080/api/v1/models/credit-risk/evaluations?limit=1|Evaluation>");
        });
        String again = n.send(notification(AlertStatus.RESOLVED, "dw-2", 0, ref));
        assertThat(again).isEqualTo(ref);
        assertThat(slack.messages()).singleElement()
                .satisfies(m -> assertThat(m.text()).startsWith("[resolved] FeatureDrift"));
        assertThat(slack.calls()).containsExactly("auth.test", "chat.postMessage", "chat.update");
    }

    private static Alert alert(int i, String summary) {
        Map<String, String> labels = Map.of("alertname", "FeatureDrift", "model", "credit-risk", "feature", "f" + i,
                "severity", "critical");
        return new Alert(Alert.fingerprint(labels), labels, Map.of("summary", summary, "expr", "psi > 0.25 & ks.p < 0.01",
                "model_version", "7"), AlertStatus.FIRING, Instant.parse("2026-11-28T10:00:00Z"), null, 0.41,
                "http://driftwatch:8080/api/v1/models/credit-risk/evaluations?limit=1&x=" + i);
    }

    /** A rule text with Slack's reserved characters is shown as written and cannot swallow the link. */
    @Test
    void valuesAreEscapedAsSlacksFormattingRulesSay() throws Exception {
        SlackNotifier n = api("DRIFTWATCH_TEST_SLACK_TOKEN");
        n.send(new Notification(1, "slack", "0:{}", Map.of(), List.of(alert(1, "income <b> & <http://evil|click>")),
                "dw-1", 0, null));
        String section = slack.messages().get(0).blocks().get(1).get("text").get("text").asString();
        assertThat(section).contains("income &lt;b&gt; &amp; &lt;http://evil|click&gt;", "rule `psi &gt; 0.25 &amp; ks.p &lt; 0.01`",
                "<http://driftwatch:8080/api/v1/models/credit-risk/evaluations?limit=1&amp;x=1|Evaluation>");
        assertThat(section.replaceAll("<http://driftwatch[^>]*\\|Evaluation>", "")).doesNotContain("<", ">");
    }

    /** A group of 200 alerts with long summaries fits Slack's limits: what fits is shown, the rest counted. */
    @Test
    void aLargeGroupStaysWithinSlacksLimits() throws Exception {
        SlackNotifier n = api("DRIFTWATCH_TEST_SLACK_TOKEN");
        List<Alert> many = new java.util.ArrayList<>();
        for (int i = 0; i < 200; i++) {
            many.add(alert(i, "PSI 0.41 on a feature with a long explanation ".repeat(4 + i % 3)));
        }
        n.send(new Notification(1, "slack", "0:{}", Map.of(), many, "dw-1", 0, null));
        tools.jackson.databind.JsonNode blocks = slack.messages().get(0).blocks();
        assertThat(FakeSlack.limits(blocks)).as("Slack would take it").isNull();
        assertThat(blocks.size()).isLessThanOrEqualTo(50);
        int sections = blocks.size() - 2;
        assertThat(sections).isGreaterThan(10);
        String context = blocks.get(blocks.size() - 1).get("elements").get(0).get("text").asString();
        assertThat(context).contains("200 alert(s)", (200 - sections) + " more not shown");
    }

    @Test
    void aRetriedAttemptFindsTheMessageAnEarlierAttemptPosted() throws Exception {
        SlackNotifier n = api("DRIFTWATCH_TEST_SLACK_TOKEN");
        String ref = n.send(notification(AlertStatus.FIRING, "dw-7", 0, null));
        assertThat(n.send(notification(AlertStatus.FIRING, "dw-7", 1, null))).as("same message, not a second post")
                .isEqualTo(ref);
        assertThat(slack.messages()).hasSize(1);
        assertThat(n.send(notification(AlertStatus.FIRING, "dw-8", 1, null))).isNotEqualTo(ref);
        assertThat(slack.messages()).hasSize(2);
    }

    @Test
    void rateLimitsServerErrorsAndSlowAnswersAreRetryable() throws Exception {
        SlackNotifier n = api("DRIFTWATCH_TEST_SLACK_TOKEN");
        slack.fault("429");
        assertThatThrownBy(() -> n.send(notification(AlertStatus.FIRING, "dw-1", 0, null)))
                .isInstanceOf(NotifyException.class)
                .satisfies(e -> assertThat(((NotifyException) e).retryable()).isTrue())
                .satisfies(e -> assertThat(((NotifyException) e).retryAfter()).isEqualTo(Duration.ofSeconds(3)));
        slack.fault("500");
        assertThatThrownBy(() -> n.send(notification(AlertStatus.FIRING, "dw-1", 0, null)))
                .satisfies(e -> assertThat(((NotifyException) e).retryable()).isTrue());
        slack.fault("slow");
        assertThatThrownBy(() -> n.send(notification(AlertStatus.FIRING, "dw-1", 0, null)))
                .satisfies(e -> assertThat(((NotifyException) e).retryable()).isTrue());
        slack.fault("ratelimited");
        assertThatThrownBy(() -> n.send(notification(AlertStatus.FIRING, "dw-1", 0, null)))
                .satisfies(e -> assertThat(((NotifyException) e).retryable()).isTrue());
        assertThat(slack.messages()).isEmpty();
        n.send(notification(AlertStatus.FIRING, "dw-1", 0, null));
        assertThat(slack.messages()).hasSize(1);
    }

    @Test
    void incomingWebhooksGetTheBlocksAndRateLimitsAreRetried(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path url = java.nio.file.Files.writeString(dir.resolve("slack-webhook-url"), slack.webhookUrl() + "\n");
        SlackNotifier n = new SlackNotifier(new io.driftwatch.alert.notify.slack.SlackConfig("slack", null, null, null, url, slack.apiUrl(),
                Duration.ofSeconds(1), true, TEMPLATES), SlackMessage.from(TEMPLATES));
        slack.fault("429");
        assertThatThrownBy(() -> n.send(notification(AlertStatus.FIRING, "dw-1", 0, null)))
                .satisfies(e -> assertThat(((NotifyException) e).retryAfter()).isEqualTo(Duration.ofSeconds(3)));
        assertThat(n.send(notification(AlertStatus.FIRING, "dw-1", 1, null))).isNull();
        assertThat(slack.webhookBodies()).singleElement().satisfies(b -> {
            assertThat(b.get("text").asString()).isEqualTo("[firing] FeatureDrift on credit-risk (1 alert(s))");
            assertThat(b.get("blocks").get(1).get("text").get("text").asString()).contains("feature `income`");
        });
    }

    @Test
    void aRefusedTokenIsNotRetried() {
        SlackNotifier n = api("DRIFTWATCH_TEST_WEBHOOK_SECRET");
        assertThatThrownBy(() -> n.send(notification(AlertStatus.FIRING, "dw-1", 0, null)))
                .hasMessageContaining("auth.test failed: invalid_auth")
                .satisfies(e -> assertThat(((NotifyException) e).retryable()).isFalse());
    }
}
