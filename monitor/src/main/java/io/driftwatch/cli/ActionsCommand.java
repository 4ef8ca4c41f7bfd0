package io.driftwatch.cli;

import io.driftwatch.util.Json;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/** Lists a running daemon's action decisions, and approves one. */
@Command(name = "actions", mixinStandardHelpOptions = true,
        description = "List the action decisions of a running daemon (the audit trail), newest first.",
        subcommands = {ActionsCommand.Approve.class})
public final class ActionsCommand implements Callable<Integer> {
    @Mixin
    private ApiClient api = new ApiClient();

    @Option(names = "--model", description = "Only this model's decisions.")
    private String model;

    @Option(names = "--limit", defaultValue = "50", description = "At most this many (${DEFAULT-VALUE}).")
    private int limit;

    @Option(names = "--json", description = "Print the API's JSON.")
    private boolean json;

    @Override
    public Integer call() {
        String q = "?limit=" + limit + (model == null ? "" : "&model=" + java.net.URLEncoder.encode(model,
                java.nio.charset.StandardCharsets.UTF_8));
        try {
            JsonNode rows = api.call("GET", "/api/v1/actions" + q, null);
            if (json) {
                System.out.println(rows.toPrettyString());
                return 0;
            }
            System.out.printf("%-5s %-18s %-8s %-16s %-17s %-16s %-10s %s%n", "ID", "MODEL", "KIND", "STRATEGY", "STATE",
                    "GUARD", "REVISIONS", "CREATED / ERROR");
            rows.forEach(r -> System.out.printf("%-5s %-18s %-8s %-16s %-17s %-16s %-10s %s%s%n", r.get("id").asString(),
                    r.get("model").asString(), r.get("kind").asString(), r.get("strategy").asString(),
                    r.get("state").asString(), r.path("guard").asString(""), revisions(r),
                    r.get("created_at").asString(), r.path("error").isNull() ? "" : "  " + r.path("error").asString("")));
            return 0;
        } catch (ApiClient.ApiException e) {
            System.err.println(e.getMessage());
            return 1;
        }
    }

    private static String revisions(JsonNode r) {
        String before = r.path("revision_before").asString("");
        String after = r.path("revision_after").asString("");
        return before.length() > 4 || after.length() > 4 || before.isEmpty() ? "" : before + "->" + after;
    }

    /** {@code actions approve}. */
    @Command(name = "approve", mixinStandardHelpOptions = true, description = "Approve a decision waiting for it.")
    static final class Approve implements Callable<Integer> {
        @Mixin
        private ApiClient api = new ApiClient();

        @Parameters(index = "0", description = "The decision id.")
        private long id;

        @Option(names = {"-a", "--approver"}, required = true, description = "Who approves (kept in the audit trail).")
        private String approver;

        @Override
        public Integer call() {
            try {
                JsonNode d = api.call("POST", "/api/v1/actions/" + id + "/approve", Json.write(Map.of("approver", approver)));
                System.out.println("approved " + id + ": " + d.get("state").asString());
                return 0;
            } catch (ApiClient.ApiException e) {
                System.err.println(e.getMessage());
                return 1;
            }
        }
    }
}
