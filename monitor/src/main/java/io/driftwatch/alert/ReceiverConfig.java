package io.driftwatch.alert;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** A named destination for notifications. Secrets are named by environment variable, never inlined. */
public sealed interface ReceiverConfig {

    String name();

    /** Whether resolutions are sent as well as firings. */
    boolean sendResolved();

    /** Human-readable lines on standard output, or JSON lines appended to a file. */
    record Console(String name, Path file, boolean sendResolved) implements ReceiverConfig {
    }

    /**
     * An HTTP POST of Alertmanager's webhook payload, with an {@code Idempotency-Key} header and, when
     * {@code hmacSecretEnv} names a variable, an {@code X-Driftwatch-Signature: sha256=<hex>} header.
     */
    record Webhook(String name, String url, Duration timeout, Map<String, String> headers, boolean sendResolved,
                   String hmacSecretEnv) implements ReceiverConfig {
        public Webhook {
            headers = Map.copyOf(headers);
        }
    }

    /**
     * Slack: {@code chat.postMessage} to a channel (its ID) with a bot token, or an incoming webhook whose
     * URL (a secret) comes from an environment variable or a file.
     */
    record Slack(String name, String tokenEnv, String channel, String webhookUrlEnv, Path webhookUrlFile, String apiUrl,
                 Duration timeout, boolean sendResolved, Path templates) implements ReceiverConfig {
        public boolean webhook() {
            return webhookUrlEnv != null || webhookUrlFile != null;
        }
    }

    /** Email over SMTP: STARTTLS, SMTPS or plain; credentials from the environment. */
    record Email(String name, String host, int port, String tls, String usernameEnv, String passwordEnv, String from,
                 List<String> to, Duration timeout, boolean sendResolved, Path templates, boolean trustAll)
            implements ReceiverConfig {
        public Email {
            to = List.copyOf(to);
        }
    }

    /** An Alertmanager: {@code POST /api/v2/alerts}, re-sent while firing and with endsAt on resolution. */
    record Alertmanager(String name, String url, Duration timeout, boolean sendResolved) implements ReceiverConfig {
    }
}
