package io.driftwatch.alert;

import io.driftwatch.config.ConfigNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/** Parses the Slack, email and Alertmanager receivers. */
final class ReceiverParsers {
    private static final Set<String> TLS = Set.of("starttls", "smtps", "none");

    private ReceiverParsers() {
    }

    static ReceiverConfig slack(String name, ConfigNode n, Path base) {
        String owner = "receiver '" + name + "'";
        String token = n.secretEnv("token_env", owner).orElse(null);
        String channel = n.string("channel").orElse(null);
        String webhook = n.secretEnv("webhook_url_env", owner).orElse(null);
        Path webhookFile = n.string("webhook_url_file")
                .map(f -> io.driftwatch.config.ConfigParser.existingFile(base, n, "webhook_url_file", f)).orElse(null);
        if ((token == null) == (webhook == null && webhookFile == null)) {
            n.errors().add(n.location(), n.path(),
                    "give either token_env (with channel) or webhook_url_env / webhook_url_file");
        } else if (token != null && channel == null) {
            n.errors().add(n.location(), n.pathOf("channel"), "is required with token_env");
        }
        String api = n.string("api_url").orElse("https://slack.com/api/");
        Duration timeout = n.duration("timeout").orElse(Duration.ofSeconds(10));
        boolean resolved = n.bool("send_resolved").orElse(true);
        Path templates = templates(n, base, "slack-title.txt", "slack-alert.txt");
        n.finish();
        return new ReceiverConfig.Slack(name, token, channel, webhook, webhookFile, api.endsWith("/") ? api : api + "/",
                timeout, resolved, templates);
    }

    static ReceiverConfig email(String name, ConfigNode n, Path base) {
        String host = n.requiredString("host");
        String tls = n.string("tls").orElse("starttls");
        if (!TLS.contains(tls)) {
            n.error("tls", "unknown tls mode '" + tls + "'; use starttls, smtps or none");
        }
        long port = n.integer("port").orElse("smtps".equals(tls) ? 465L : 587L);
        String user = n.secretEnv("username_env", "receiver '" + name + "'").orElse(null);
        String password = n.secretEnv("password_env", "receiver '" + name + "'").orElse(null);
        if ((user == null) != (password == null)) {
            n.error(user == null ? "password_env" : "username_env", "SMTP auth needs both username_env and password_env");
        }
        String from = n.requiredString("from");
        List<String> to = n.stringList("to");
        if (to.isEmpty()) {
            n.errors().add(n.location(), n.pathOf("to"), "is required: at least one address");
        }
        Duration timeout = n.duration("timeout").orElse(Duration.ofSeconds(20));
        boolean resolved = n.bool("send_resolved").orElse(true);
        Path templates = templates(n, base, "email-subject.txt", "email.txt", "email.html");
        boolean trustAll = n.bool("insecure_skip_verify").orElse(false);
        n.finish();
        return new ReceiverConfig.Email(name, host, (int) port, tls, user, password, from, to, timeout, resolved,
                templates, trustAll);
    }

    /** The receiver's template directory ({@code templates/} next to the routing file), checked for its files. */
    private static Path templates(ConfigNode n, Path base, String... files) {
        Path dir = base.resolve(n.string("templates").orElse("templates"));
        for (String f : files) {
            Path file = dir.resolve(f);
            if (!java.nio.file.Files.isRegularFile(file)) {
                n.error("templates", "template " + file + " does not exist");
                continue;
            }
            try {
                String bad = io.driftwatch.config.TemplateSyntax.problem(java.nio.file.Files.readString(file));
                if (bad != null) {
                    n.error("templates", "template " + file + ": " + bad);
                }
            } catch (java.io.IOException | java.io.UncheckedIOException e) {
                n.error("templates", "template " + file + " cannot be read: " + e.getMessage());
            }
        }
        return dir;
    }

    static ReceiverConfig alertmanager(String name, ConfigNode n) {
        String url = n.requiredString("url");
        if (url != null && !RoutingParser.validHttpUrl(url)) {
            n.error("url", "'" + url + "' is not an http(s) URL");
        }
        Duration timeout = n.duration("timeout").orElse(Duration.ofSeconds(10));
        boolean resolved = n.bool("send_resolved").orElse(true);
        n.finish();
        return new ReceiverConfig.Alertmanager(name, url == null ? null : url.replaceAll("/+$", ""), timeout, resolved);
    }
}
