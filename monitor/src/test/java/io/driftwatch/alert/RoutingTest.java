package io.driftwatch.alert;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.config.ConfigErrors;
import io.driftwatch.support.Fixtures;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RoutingTest {
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
        ReceiverConfig.Webhook pager = (ReceiverConfig.Webhook) r.receivers().get("pager");
        assertThat(pager.timeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(pager.sendResolved()).isFalse();
        assertThat(((ReceiverConfig.Console) r.receivers().get("credit")).file()).isEqualTo(dir.resolve("credit.jsonl"));
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
    void annotationTemplatesExpandLabelsAndValue() {
        assertThat(Templates.expand("PSI {{ $value }} on {{$labels.feature}}/{{ $labels.nope }}",
                Map.of("feature", "age"), 0.31234567)).isEqualTo("PSI 0.3123 on age/");
        assertThat(Templates.format(3.2e-9)).isEqualTo("3.20e-09");
        assertThat(Templates.format(2.0)).isEqualTo("2");
    }
}
