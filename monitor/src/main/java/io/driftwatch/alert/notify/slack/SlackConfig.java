package io.driftwatch.alert.notify.slack;

import io.driftwatch.alert.ReceiverConfig;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Slack: {@code chat.postMessage} to a channel (its ID) with a bot token, or an incoming webhook whose
 * URL (a secret) comes from an environment variable or a file.
 */
public record SlackConfig(String name, String tokenEnv, String channel, String webhookUrlEnv, Path webhookUrlFile,
                          String apiUrl, Duration timeout, boolean sendResolved, Path templates)
        implements ReceiverConfig {
    public boolean webhook() {
        return webhookUrlEnv != null || webhookUrlFile != null;
    }
}
