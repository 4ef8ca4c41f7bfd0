package io.driftwatch.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.driftwatch.alert.notify.NotifyException;
import io.driftwatch.alert.notify.email.EmailNotifier;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The email receiver against GreenMail, a real SMTP/SMTPS server in the test JVM. */
class EmailNotifierTest {
    private static final Path TEMPLATES = Path.of(System.getProperty("driftwatch.repo", ".."), "alerts", "templates");

    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(new ServerSetup[] {
            ServerSetupTest.SMTP.dynamicPort(), ServerSetupTest.SMTPS.dynamicPort()})
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("driftwatch", "smtp-s3cret"));

    private static EmailNotifier notifier(String tls, int port, String passwordEnv) {
        return new EmailNotifier(new io.driftwatch.alert.notify.email.EmailConfig("mail", "127.0.0.1", port, tls, "DRIFTWATCH_TEST_SMTP_USER",
                passwordEnv, "driftwatch@example.org", List.of("ml-oncall@example.org", "ana@example.org"),
                Duration.ofSeconds(5), true, TEMPLATES, true));
    }

    static Notification notification() {
        Map<String, String> labels = Map.of("alertname", "FeatureDrift", "model", "credit-risk", "feature", "income",
                "severity", "critical");
        Alert a = new Alert(Alert.fingerprint(labels), labels, Map.of("summary", "PSI 0.41 on income <b>",
                "expr", "psi > 0.25", "model_version", "7"), AlertStatus.FIRING, Instant.parse("2026-11-28T10:00:00Z"),
                null, 0.41, "http://driftwatch:8080/api/v1/models/credit-risk/evaluations?limit=1");
        return new Notification(3, "mail", "0:{}", Map.of("alertname", "FeatureDrift"), List.of(a), "dw-mail-1", 0, null);
    }

    @Test
    void sendsTextAndHtmlPartsWithTheIdempotencyKeyAsMessageId() throws Exception {
        notifier("none", MAIL.getSmtp().getPort(), "DRIFTWATCH_TEST_SMTP_PASSWORD").send(notification());
        MimeMessage[] received = MAIL.getReceivedMessages();
        assertThat(received).hasSize(2);
        MimeMessage m = received[0];
        assertThat(m.getSubject()).isEqualTo("[Driftwatch firing] FeatureDrift credit-risk (1 alert(s))");
        assertThat(m.getMessageID()).isEqualTo("<dw-mail-1@driftwatch>");
        assertThat(m.getFrom()[0].toString()).isEqualTo("driftwatch@example.org");
        MimeMultipart parts = (MimeMultipart) m.getContent();
        assertThat(parts.getContentType()).startsWith("multipart/alternative");
        String text = (String) parts.getBodyPart(0).getContent();
        String html = (String) parts.getBodyPart(1).getContent();
        assertThat(text).contains("model credit-risk, version 7, feature income").contains("value 0.41, rule psi > 0.25")
                .contains("PSI 0.41 on income <b>");
        assertThat(parts.getBodyPart(1).getContentType()).startsWith("text/html");
        assertThat(html).contains("<td>income</td>").contains("PSI 0.41 on income &lt;b&gt;")
                .contains("href=\"http://driftwatch:8080/api/v1/models/credit-risk/evaluations?limit=1\"");
        assertThat(GreenMailUtil.getAddressList(m.getAllRecipients())).contains("ml-oncall@example.org");
    }

    @Test
    void starttlsIsRequiredNeverSkipped() {
        // GreenMail's SMTP offers no STARTTLS: the message must not go out in clear text
        assertThatThrownBy(() -> notifier("starttls", MAIL.getSmtp().getPort(), "DRIFTWATCH_TEST_SMTP_PASSWORD")
                .send(notification())).isInstanceOf(NotifyException.class).hasMessageContaining("STARTTLS is required");
        assertThat(MAIL.getReceivedMessages()).isEmpty();
    }

    @Test
    void sendsOverSmtps() throws Exception {
        notifier("smtps", MAIL.getSmtps().getPort(), "DRIFTWATCH_TEST_SMTP_PASSWORD").send(notification());
        assertThat(MAIL.getReceivedMessages()).hasSize(2);
    }

    @Test
    void refusedCredentialsAreNotRetriedAndADownServerIs() throws Exception {
        assertThatThrownBy(() -> notifier("none", MAIL.getSmtp().getPort(), "DRIFTWATCH_TEST_WEBHOOK_SECRET")
                .send(notification())).isInstanceOf(NotifyException.class)
                .satisfies(e -> assertThat(((NotifyException) e).retryable()).isFalse())
                .hasMessageContaining("refused the credentials");
        int closed = io.driftwatch.support.PrometheusServer.freePort();
        assertThatThrownBy(() -> notifier("none", closed, "DRIFTWATCH_TEST_SMTP_PASSWORD").send(notification()))
                .satisfies(e -> assertThat(((NotifyException) e).retryable()).isTrue());
    }
}
