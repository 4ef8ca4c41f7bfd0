package io.driftwatch.alert;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.config.ConfigErrors;
import io.driftwatch.support.Fixtures;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RoutingTest {
    private static final Path TEMPLATES = Path.of(System.getProperty("driftwatch.repo", ".."), "alerts", "templates")
            .toAbsolutePath();

    @TempDir
    Path dir;

    private Routing parse(String yaml) {
        ConfigErrors errors = new ConfigErrors();
        Routing r = new RoutingParser().parse(Fixtures.write(dir.resolve("routing.yaml"), yaml), "routing.yaml", errors)
                .orElseThrow();
        assertThat(errors.list()).isEmpty();
        return r;
    }

    @Test
    void firstMatchingRouteWinsUnlessItContinues() {
        Routing r = parse("""
                route:
                  receiver: default
                  routes:
                    - matchers: ['severity="critical"']
                      receiver: pager
                      continue: true
                    - matchers: ['model=~"credit-.*"', 'feature!="income"']
                      receiver: credit
                    - matchers: ['model!~"credit-.*"']
                      receiver: other
                receivers:
                  - {name: default, console: {}}
                  - {name: pager, webhook: {url: "http://127.0.0.1:1/p", timeout: 2s, send_resolved: false}}
                  - {name: credit, console: {file: credit.jsonl}}
                  - {name: other, console: {}}
                """);
        assertThat(r.root().receiversFor(Map.of("severity", "critical", "model", "credit-risk", "feature", "age")))
                .containsExactly("pager", "credit");
        assertThat(r.root().receiversFor(Map.of("severity", "warning", "model", "credit-risk", "feature", "income")))
                .containsExactly("default");
        assertThat(r.root().receiversFor(Map.of("severity", "warning", "model", "churn"))).containsExactly("other");
        io.driftwatch.alert.notify.webhook.WebhookConfig pager = (io.driftwatch.alert.notify.webhook.WebhookConfig) r.receivers().get("pager");
        assertThat(pager.timeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(pager.sendResolved()).isFalse();
        assertThat(((io.driftwatch.alert.notify.console.ConsoleConfig) r.receivers().get("credit")).file()).isEqualTo(dir.resolve("credit.jsonl"));
    }

    @Test
    void nestedRoutesInheritTheirParentsReceiver() {
        Routing r = parse("""
                route:
                  receiver: a
                  routes:
                    - matchers: ['team="ml"']
                      routes:
                        - matchers: ['severity="info"']
                          receiver: b
                receivers:
                  - {name: a, console: {}}
                  - {name: b, console: {}}
                """);
        assertThat(r.root().receiversFor(Map.of("team", "ml", "severity", "warning"))).containsExactly("a");
        assertThat(r.root().receiversFor(Map.of("team", "ml", "severity", "info"))).containsExactly("b");
    }

    @Test
    void malformedMatchersAndUnknownReceiversAreConfigErrors() {
        ConfigErrors errors = new ConfigErrors();
        new RoutingParser().parse(Fixtures.write(dir.resolve("bad.yaml"), """
                route:
                  receiver: a
                  routes:
                    - matchers: ['severity', 'model=~"("']
                      receiver: ghost
                receivers:
                  - {name: a, console: {}, webhook: {url: "http://x"}}
                """), "bad.yaml", errors);
        assertThat(errors.list()).extracting(e -> e.location().line() + " " + e.keyPath())
                .contains("4 route.routes[0].matchers", "5 route.routes[0].receiver", "7 receivers[0]");
    }

    @Test
    void groupingIsInheritedAndInhibitionAndReceiversAreRead() {
        Routing r = parse("""
                route:
                  receiver: a
                  group_by: [alertname, model]
                  group_wait: 30s
                  routes:
                    - matchers: ['severity="critical"']
                      receiver: am
                      group_interval: 1m
                      repeat_interval: 1h
                inhibit_rules:
                  - source_matchers: ['alertname="source_unavailable"']
                    target_matchers: ['alertname!="source_unavailable"']
                    equal: [model]
                delivery: {initial_backoff: 2s, max_backoff: 1m, give_up_after: 30m}
                receivers:
                  - {name: a, slack: {token_env: SLACK_TOKEN, channel: C0123, send_resolved: false, templates: %s}}
                  - {name: am, alertmanager: {url: "http://127.0.0.1:9093/"}}
                  - {name: mail, email: {host: smtp.example.org, tls: smtps, from: dw@example.org, to: [ml@example.org],
                                         username_env: SMTP_USER, password_env: SMTP_PASSWORD, templates: %s}}
                """.formatted(TEMPLATES, TEMPLATES));
        Route critical = r.root().match(Map.of("severity", "critical", "alertname", "Drift", "model", "m")).get(0);
        assertThat(critical.id()).isEqualTo("0.0");
        assertThat(critical.grouping()).isEqualTo(new Route.Grouping(List.of("alertname", "model"), Duration.ofSeconds(30),
                Duration.ofMinutes(1), Duration.ofHours(1)));
        assertThat(critical.groupKey(Map.of("alertname", "Drift", "model", "m", "feature", "x")))
                .isEqualTo("0.0:{alertname=\"Drift\",model=\"m\",}");
        assertThat(r.root().grouping().repeatInterval()).isEqualTo(Duration.ofHours(4));
        InhibitRule inhibit = r.inhibitRules().get(0);
        assertThat(inhibit.inhibits(Map.of("alertname", "source_unavailable", "model", "m"),
                Map.of("alertname", "Drift", "model", "m"))).isTrue();
        assertThat(inhibit.inhibits(Map.of("alertname", "source_unavailable", "model", "m"),
                Map.of("alertname", "Drift", "model", "other"))).isFalse();
        assertThat(r.delivery()).isEqualTo(new Routing.Delivery(Duration.ofSeconds(2), Duration.ofMinutes(1),
                Duration.ofMinutes(30)));
        assertThat(((io.driftwatch.alert.notify.alertmanager.AlertmanagerConfig) r.receivers().get("am")).url()).isEqualTo("http://127.0.0.1:9093");
        io.driftwatch.alert.notify.email.EmailConfig mail = (io.driftwatch.alert.notify.email.EmailConfig) r.receivers().get("mail");
        assertThat(mail.port()).isEqualTo(465);
        assertThat(r.receivers().get("a").sendResolved()).isFalse();
    }

    @Test
    void badReceiversAndInhibitRulesSayWhy() {
        ConfigErrors errors = new ConfigErrors();
        new RoutingParser().parse(Fixtures.write(dir.resolve("bad2.yaml"), """
                route: {receiver: s}
                inhibit_rules:
                  - equal: [model]
                receivers:
                  - {name: s, slack: {token_env: T, templates: nowhere}}
                  - {name: m, email: {host: h, tls: ssl, from: f, username_env: U}}
                  - {name: w, webhook: {url: "ftp://x"}}
                """), "bad2.yaml", errors);
        assertThat(errors.list()).extracting(e -> e.keyPath() + ": " + e.message())
                .anySatisfy(m -> assertThat(m).contains("needs source_matchers and target_matchers"))
                .anySatisfy(m -> assertThat(m).contains("channel: is required with token_env"))
                .anySatisfy(m -> assertThat(m).contains("nowhere/slack-title.txt does not exist"))
                .anySatisfy(m -> assertThat(m).contains("unknown tls mode 'ssl'"))
                .anySatisfy(m -> assertThat(m).contains("SMTP auth needs both"))
                .anySatisfy(m -> assertThat(m).contains("to: is required"))
                .anySatisfy(m -> assertThat(m).contains("'ftp://x' is not an http(s) URL"));
    }

    @Test
    void theShippedRoutingFilesAreValid() throws Exception {
        Path alerts = Path.of(System.getProperty("driftwatch.repo", ".."), "alerts");
        try (var files = java.nio.file.Files.list(alerts.resolve("examples"))) {
            for (Path f : files.toList()) {
                ConfigErrors errors = new ConfigErrors();
                Routing r = new RoutingParser().parse(f, f.toString(), errors).orElseThrow();
                assertThat(errors.list()).as(f.toString()).isEmpty();
                assertThat(r.receivers()).isNotEmpty();
            }
        }
        Routing full = new RoutingParser().parse(alerts.resolve("examples/full-routing.yaml"), "full", new ConfigErrors())
                .orElseThrow();
        assertThat(full.root().receiversFor(Map.of("alertname", "Drift", "severity", "critical", "model", "credit-risk")))
                .containsExactly("team-slack", "oncall-alertmanager", "credit-email", "audit-webhook");
        assertThat(full.root().receiversFor(Map.of("alertname", "Drift", "severity", "warning", "model", "churn")))
                .containsExactly("team-slack", "audit-webhook");
    }

    @Test
    void annotationTemplatesExpandLabelsAndValue() {
        assertThat(Templates.expand("PSI {{ $value }} on {{$labels.feature}}/{{ $labels.nope }}",
                Map.of("feature", "age"), 0.31234567)).isEqualTo("PSI 0.3123 on age/");
        assertThat(Templates.format(3.2e-9)).isEqualTo("3.20e-09");
        assertThat(Templates.format(2.0)).isEqualTo("2");
    }
}
