package io.driftwatch.alert.notify.slack;

import io.driftwatch.alert.ReceiverConfig;
import io.driftwatch.alert.notify.Notifier;
import io.driftwatch.alert.notify.NotifierContext;
import io.driftwatch.alert.notify.ReceiverBlocks;
import io.driftwatch.alert.notify.ReceiverKind;
import io.driftwatch.config.ConfigNode;
import io.driftwatch.config.ConfigParser;
import java.nio.file.Path;
import java.time.Duration;

/** {@code slack: {token_env + channel | webhook_url_env | webhook_url_file, api_url?, timeout?, templates?}}. */
public final class SlackReceiver implements ReceiverKind {
    @Override
    public String key() {
        return "slack";
    }

    @Override
    public String description() {
        return "the Slack SDK: `chat.postMessage` of a Block Kit message to `channel` with the bot token from "
                + "`token_env`, updating the group's message (`chat.update`) afterwards; or an incoming webhook";
    }

    @Override
    public Class<SlackConfig> configType() {
        return SlackConfig.class;
    }

    @Override
    public ReceiverConfig parse(String name, ConfigNode n, Path base) {
        String owner = "receiver '" + name + "'";
        String token = n.secretEnv("token_env", owner).orElse(null);
        String channel = n.string("channel").orElse(null);
        String webhook = n.secretEnv("webhook_url_env", owner).orElse(null);
        Path webhookFile = n.string("webhook_url_file")
                .map(f -> ConfigParser.existingFile(base, n, "webhook_url_file", f)).orElse(null);
        if ((token == null) == (webhook == null && webhookFile == null)) {
            n.errors().add(n.location(), n.path(),
                    "give either token_env (with channel) or webhook_url_env / webhook_url_file");
        } else if (token != null && channel == null) {
            n.errors().add(n.location(), n.pathOf("channel"), "is required with token_env");
        }
        String api = n.string("api_url").orElse("https://slack.com/api/");
        Duration timeout = n.duration("timeout").orElse(Duration.ofSeconds(10));
        boolean resolved = n.bool("send_resolved").orElse(true);
        Path templates = ReceiverBlocks.templates(n, base, "slack-title.txt", "slack-alert.txt");
        n.finish();
        return new SlackConfig(name, token, channel, webhook, webhookFile, api.endsWith("/") ? api : api + "/",
                timeout, resolved, templates);
    }

    @Override
    public Notifier notifier(ReceiverConfig config, NotifierContext context) {
        SlackConfig s = (SlackConfig) config;
        return new SlackNotifier(s, SlackMessage.from(s.templates()));
    }
}
