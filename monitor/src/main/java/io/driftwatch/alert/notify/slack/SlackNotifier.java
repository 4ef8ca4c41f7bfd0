package io.driftwatch.alert.notify.slack;

import com.slack.api.Slack;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import com.slack.api.model.Message;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.webhook.Payload;
import com.slack.api.webhook.WebhookResponse;
import io.driftwatch.alert.Notification;
import io.driftwatch.alert.notify.Notifier;
import io.driftwatch.alert.notify.NotifyException;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Slack through the official SDK. With a bot token: {@code chat.postMessage} of a Block Kit message to
 * the channel, whose channel and timestamp are kept so that the group's next notification (a repeat or a
 * resolution) updates that message with {@code chat.update} instead of posting again. Each message
 * carries its idempotency key in its metadata; when an earlier attempt may have reached Slack (a crash
 * or a timeout), {@code conversations.history} is searched for it before posting. With an incoming
 * webhook URL: one POST per notification.
 */
public final class SlackNotifier implements Notifier {
    static final String EVENT_TYPE = "driftwatch_notification";
    private static final Set<String> RETRYABLE = Set.of("ratelimited", "internal_error", "fatal_error",
            "service_unavailable", "request_timeout");

    private final SlackConfig config;
    private final Slack slack;
    private final SlackMessage message;
    private volatile boolean authenticated;

    public SlackNotifier(SlackConfig config, SlackMessage message) {
        this.config = config;
        this.message = message;
        com.slack.api.SlackConfig sc = new com.slack.api.SlackConfig();
        sc.setMethodsEndpointUrlPrefix(config.apiUrl());
        int ms = (int) config.timeout().toMillis();
        sc.setHttpClientReadTimeoutMillis(ms);
        sc.setHttpClientWriteTimeoutMillis(ms);
        sc.setHttpClientCallTimeoutMillis(ms);
        this.slack = Slack.getInstance(sc);
    }

    @Override
    public String send(Notification n) throws NotifyException {
        try {
            return config.webhook() ? webhook(n) : api(n);
        } catch (IOException e) {
            throw new NotifyException("Slack did not answer: " + e, true, e);
        } catch (SlackApiException e) {
            int code = e.getResponse().code();
            throw new NotifyException("Slack answered HTTP " + code, code == 429 || code >= 500,
                    NotifyException.retryAfter(java.util.Optional.ofNullable(e.getResponse().header("Retry-After"))), e);
        }
    }

    private String api(Notification n) throws IOException, SlackApiException, NotifyException {
        MethodsClient methods = slack.methods(secret(config.tokenEnv(), "Slack token"));
        if (!authenticated) {
            check(methods.authTest(r -> r), "auth.test");
            authenticated = true;
        }
        List<LayoutBlock> blocks = message.blocks(n);
        String text = message.text(n);
        if (n.externalRef() != null) {
            String[] ref = n.externalRef().split("\\|", 2);
            var updated = methods.chatUpdate(r -> r.channel(ref[0]).ts(ref[1]).text(text).blocks(blocks));
            if (updated.isOk()) {
                return n.externalRef();
            }
            if (!"message_not_found".equals(updated.getError())) {
                check(updated, "chat.update");
            }
        }
        if (n.attempts() > 0) {
            String found = find(methods, n.idempotencyKey());
            if (found != null) {
                return found;
            }
        }
        Message.Metadata meta = Message.Metadata.builder().eventType(EVENT_TYPE)
                .eventPayload(Map.of("idempotency_key", n.idempotencyKey())).build();
        var posted = methods.chatPostMessage(r -> r.channel(config.channel()).text(text).blocks(blocks).metadata(meta));
        check(posted, "chat.postMessage");
        return posted.getChannel() + "|" + posted.getTs();
    }

    /** The channel|ts of a message already posted with this idempotency key, or null. */
    private String find(MethodsClient methods, String key) throws IOException, SlackApiException, NotifyException {
        var history = methods.conversationsHistory(r -> r.channel(config.channel()).limit(200).includeAllMetadata(true));
        check(history, "conversations.history");
        for (Message m : history.getMessages()) {
            if (m.getMetadata() != null && key.equals(m.getMetadata().getEventPayload().get("idempotency_key"))) {
                return config.channel() + "|" + m.getTs();
            }
        }
        return null;
    }

    private static void check(SlackApiTextResponse r, String method) throws NotifyException {
        if (!r.isOk()) {
            throw new NotifyException("Slack " + method + " failed: " + r.getError(), RETRYABLE.contains(r.getError()),
                    null);
        }
    }

    private String webhook(Notification n) throws IOException, NotifyException {
        String url = config.webhookUrlEnv() != null ? secret(config.webhookUrlEnv(), "Slack webhook URL")
                : java.nio.file.Files.readString(config.webhookUrlFile()).strip();
        WebhookResponse r = slack.send(url, Payload.builder().text(message.text(n)).blocks(message.blocks(n)).build());
        int code = r.getCode();
        if (code / 100 != 2) {
            List<String> after = r.getHeaders() == null ? null : r.getHeaders().get("retry-after");
            throw new NotifyException("Slack webhook answered " + code + ": " + r.getBody(), code == 429 || code >= 500,
                    NotifyException.retryAfter(java.util.Optional.ofNullable(after == null ? null : after.get(0))), null);
        }
        return null;
    }

    private static String secret(String env, String what) throws NotifyException {
        String v = System.getenv(env);
        if (v == null) {
            throw new NotifyException("environment variable " + env + " (" + what + ") is not set", false, null);
        }
        return v;
    }
}
