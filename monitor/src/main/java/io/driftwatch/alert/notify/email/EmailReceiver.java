package io.driftwatch.alert.notify.email;

import io.driftwatch.alert.ReceiverConfig;
import io.driftwatch.alert.notify.Notifier;
import io.driftwatch.alert.notify.NotifierContext;
import io.driftwatch.alert.notify.ReceiverBlocks;
import io.driftwatch.alert.notify.ReceiverKind;
import io.driftwatch.config.ConfigNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/** {@code email: {host, port?, tls?, username_env?, password_env?, from, to, timeout?, templates?}}. */
public final class EmailReceiver implements ReceiverKind {
    private static final Set<String> TLS = Set.of("starttls", "smtps", "none");

    @Override
    public String key() {
        return "email";
    }

    @Override
    public String description() {
        return "SMTP with Jakarta Mail: `tls: starttls` (required, port 587), `smtps` (465) or `none`; a plain-text "
                + "and an HTML part; `Message-ID` derived from the idempotency key";
    }

    @Override
    public Class<EmailConfig> configType() {
        return EmailConfig.class;
    }

    @Override
    public ReceiverConfig parse(String name, ConfigNode n, Path base) {
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
        Path templates = ReceiverBlocks.templates(n, base, "email-subject.txt", "email.txt", "email.html");
        boolean trustAll = n.bool("insecure_skip_verify").orElse(false);
        n.finish();
        return new EmailConfig(name, host, (int) port, tls, user, password, from, to, timeout, resolved, templates,
                trustAll);
    }

    @Override
    public Notifier notifier(ReceiverConfig config, NotifierContext context) {
        return new EmailNotifier((EmailConfig) config);
    }
}
