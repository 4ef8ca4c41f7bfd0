package io.driftwatch.cli;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;

/** Lists a running daemon's alerts (or its dead letters). */
@Command(name = "alerts", mixinStandardHelpOptions = true,
        description = "List the alerts of a running daemon, newest first; --dead-letters lists the notifications "
                + "given up on.")
public final class AlertsCommand implements Callable<Integer> {
    @Mixin
    private ApiClient api = new ApiClient();

    @Option(names = "--state", description = "Alerts in this state now (each alert's latest event): firing or resolved.")
    private String state;

    @Option(names = {"--event-status", "--status"},
            description = "Alert events with this status (a firing event stays listed after its alert resolved).")
    private String status;

    @Option(names = "--model", description = "Only this model's alerts.")
    private String model;

    @Option(names = "--alertname", description = "Only this rule's alerts.")
    private String alertname;

    @Option(names = "--limit", defaultValue = "50", description = "At most this many (${DEFAULT-VALUE}).")
    private int limit;

    @Option(names = "--dead-letters", description = "List dead letters instead.")
    private boolean deadLetters;

    @Option(names = "--json", description = "Print the API's JSON.")
    private boolean json;

    @Override
    public Integer call() {
        List<String> q = new ArrayList<>(List.of("limit=" + limit));
        add(q, "status", status);
        add(q, "state", state);
        add(q, "model", model);
        add(q, "alertname", alertname);
        String path = (deadLetters ? "/api/v1/dead-letters" : "/api/v1/alerts") + "?" + String.join("&", q);
        try {
            JsonNode rows = api.call("GET", path, null);
            if (json) {
                System.out.println(rows.toPrettyString());
            } else if (deadLetters) {
                System.out.printf("%-6s %-16s %-8s %-24s %s%n", "ID", "RECEIVER", "ATTEMPTS", "GIVEN UP", "LAST ERROR");
                rows.forEach(r -> System.out.printf("%-6s %-16s %-8s %-24s %s%n", r.get("id").asString(),
                        r.get("receiver").asString(), r.get("attempts").asString(), r.get("createdAt").asString(),
                        r.path("lastError").asString("")));
            } else {
                System.out.printf("%-9s %-28s %-20s %-16s %-9s %-10s %s%n", "STATUS", "ALERT", "MODEL", "FEATURE",
                        "SEVERITY", "VALUE", "SINCE");
                rows.forEach(r -> System.out.printf("%-9s %-28s %-20s %-16s %-9s %-10s %s%n", r.get("status").asString(),
                        r.get("labels").path("alertname").asString(""), r.get("labels").path("model").asString(""),
                        r.get("labels").path("feature").asString(""), r.get("labels").path("severity").asString(""),
                        r.get("value").isNull() ? "" : r.get("value").asString(), r.get("startsAt").asString()));
            }
            return 0;
        } catch (ApiClient.ApiException e) {
            System.err.println(e.getMessage());
            return 1;
        }
    }

    private static void add(List<String> q, String key, String value) {
        if (value != null) {
            q.add(key + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
    }
}
