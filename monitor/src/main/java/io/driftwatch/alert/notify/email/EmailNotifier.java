package io.driftwatch.alert.notify.email;

import io.driftwatch.alert.MessageTemplates;
import io.driftwatch.alert.Notification;
import io.driftwatch.alert.notify.Notifier;
import io.driftwatch.alert.notify.NotifyException;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * Email over SMTP with Jakarta Mail: STARTTLS (required), SMTPS or plain; credentials from the
 * environment; a plain-text and an HTML part rendered from {@code email.txt} and {@code email.html}, the
 * subject from {@code email-subject.txt}. The Message-ID is derived from the idempotency key, so a resend
 * after a crash is the same message to every mail client.
 */
public final class EmailNotifier implements Notifier {
    private final EmailConfig config;
    private final String subject;
    private final String text;
    private final String html;

    public EmailNotifier(EmailConfig config) {
        this.config = config;
        this.subject = MessageTemplates.read(config.templates(), "email-subject.txt");
        this.text = MessageTemplates.read(config.templates(), "email.txt");
        this.html = MessageTemplates.read(config.templates(), "email.html");
    }

    @Override
    public String send(Notification n) throws NotifyException {
        String user = env(config.usernameEnv());
        String password = env(config.passwordEnv());
        Session session = Session.getInstance(properties(user != null));
        try {
            MimeMessage m = message(session, n);
            String protocol = "smtps".equals(config.tls()) ? "smtps" : "smtp";
            try (Transport t = session.getTransport(protocol)) {
                t.connect(config.host(), config.port(), user, password);
                t.sendMessage(m, m.getAllRecipients());
            }
            return null;
        } catch (AuthenticationFailedException e) {
            throw new NotifyException("SMTP " + config.host() + " refused the credentials: " + e.getMessage(), false, e);
        } catch (MessagingException e) {
            throw new NotifyException("SMTP " + config.host() + ":" + config.port() + " failed: " + e.getMessage(), true, e);
        }
    }

    private MimeMessage message(Session session, Notification n) throws MessagingException {
        String id = "<" + n.idempotencyKey() + "@driftwatch>";
        MimeMessage m = new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", id);
            }
        };
        m.setFrom(new InternetAddress(config.from()));
        for (String to : config.to()) {
            m.addRecipient(jakarta.mail.Message.RecipientType.TO, new InternetAddress(to));
        }
        m.setSubject(MessageTemplates.render(subject, n, false).strip(), StandardCharsets.UTF_8.name());
        MimeBodyPart plain = new MimeBodyPart();
        plain.setText(MessageTemplates.render(text, n, false), StandardCharsets.UTF_8.name());
        MimeBodyPart rich = new MimeBodyPart();
        rich.setContent(MessageTemplates.render(html, n, true), "text/html; charset=UTF-8");
        MimeMultipart alternative = new MimeMultipart("alternative");
        alternative.addBodyPart(plain);
        alternative.addBodyPart(rich);
        m.setContent(alternative);
        m.setHeader("X-Driftwatch-Idempotency-Key", n.idempotencyKey());
        return m;
    }

    private Properties properties(boolean auth) {
        String p = "smtps".equals(config.tls()) ? "mail.smtps." : "mail.smtp.";
        Properties props = new Properties();
        String ms = Long.toString(config.timeout().toMillis());
        props.put(p + "connectiontimeout", ms);
        props.put(p + "timeout", ms);
        props.put(p + "writetimeout", ms);
        props.put(p + "auth", Boolean.toString(auth));
        if ("starttls".equals(config.tls())) {
            props.put(p + "starttls.enable", "true");
            props.put(p + "starttls.required", "true");
        }
        if (config.trustAll()) {
            props.put(p + "ssl.trust", "*");
            props.put(p + "ssl.checkserveridentity", "false");
        }
        return props;
    }

    private static String env(String name) throws NotifyException {
        if (name == null) {
            return null;
        }
        String v = System.getenv(name);
        if (v == null) {
            throw new NotifyException("environment variable " + name + " (SMTP credentials) is not set", false, null);
        }
        return v;
    }
}
