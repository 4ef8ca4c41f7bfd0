package io.driftwatch.alert.notify.email;

import io.driftwatch.alert.ReceiverConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Email over SMTP: STARTTLS, SMTPS or plain; credentials from the environment. */
public record EmailConfig(String name, String host, int port, String tls, String usernameEnv, String passwordEnv,
                          String from, List<String> to, Duration timeout, boolean sendResolved, Path templates,
                          boolean trustAll) implements ReceiverConfig {
    public EmailConfig {
        to = List.copyOf(to);
    }
}
