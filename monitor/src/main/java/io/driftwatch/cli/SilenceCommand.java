package io.driftwatch.cli;

import io.driftwatch.util.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/** Adds, lists and expires silences on a running daemon. */
@Command(name = "silence", mixinStandardHelpOptions = true, description = "Manage the silences of a running daemon.",
        subcommands = {SilenceCommand.Add.class, SilenceCommand.ListSilences.class, SilenceCommand.Expire.class})
public final class SilenceCommand implements Runnable {
    @Override
    public void run() {
        System.err.println("use: driftwatch silence add|list|expire (see --help)");
    }

    /** {@code silence add}. */
    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Silence the alerts matching every matcher, e.g. 'model=\"credit-risk\"' 'feature=~\"inc.*\"'.")
    static final class Add implements Callable<Integer> {
        @Mixin
        private ApiClient api = new ApiClient();

        @Parameters(arity = "1..*", description = "Label matchers (name=\"v\", !=, =~, !~).")
        private List<String> matchers;

        @Option(names = {"-d", "--duration"}, defaultValue = "1h", description = "How long (${DEFAULT-VALUE}).")
        private String duration;

        @Option(names = {"-a", "--author"}, required = true, description = "Who silences.")
        private String author;

        @Option(names = {"-c", "--comment"}, required = true, description = "Why.")
        private String comment;

        @Override
        public Integer call() {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("matchers", matchers);
            body.put("duration", duration);
            body.put("createdBy", author);
            body.put("comment", comment);
            try {
                JsonNode s = api.call("POST", "/api/v1/silences", Json.write(body));
                System.out.println(s.get("id").asString());
                return 0;
            } catch (ApiClient.ApiException e) {
                System.err.println(e.getMessage());
                return 1;
            }
        }
    }

    /** {@code silence list}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List silences.")
    static final class ListSilences implements Callable<Integer> {
        @Mixin
        private ApiClient api = new ApiClient();

        @Override
        public Integer call() {
            try {
                JsonNode all = api.call("GET", "/api/v1/silences", null);
                System.out.printf("%-36s %-8s %-22s %-22s %-12s %s%n", "ID", "STATE", "STARTS", "ENDS", "CREATED BY",
                        "MATCHERS / COMMENT");
                all.forEach(s -> System.out.printf("%-36s %-8s %-22s %-22s %-12s %s  # %s%n", s.get("id").asString(),
                        s.get("state").asString(), s.get("startsAt").asString(), s.get("endsAt").asString(),
                        s.get("createdBy").asString(), String.join(",", s.get("matchers").valueStream()
                                .map(JsonNode::asString).toList()), s.get("comment").asString()));
                return 0;
            } catch (ApiClient.ApiException e) {
                System.err.println(e.getMessage());
                return 1;
            }
        }
    }

    /** {@code silence expire}. */
    @Command(name = "expire", mixinStandardHelpOptions = true, description = "End silences now.")
    static final class Expire implements Callable<Integer> {
        @Mixin
        private ApiClient api = new ApiClient();

        @Parameters(arity = "1..*", description = "Silence ids.")
        private List<String> ids;

        @Override
        public Integer call() {
            int failed = 0;
            for (String id : ids) {
                try {
                    api.call("DELETE", "/api/v1/silences/" + id, null);
                    System.out.println("expired " + id);
                } catch (ApiClient.ApiException e) {
                    System.err.println(e.getMessage());
                    failed++;
                }
            }
            return failed == 0 ? 0 : 1;
        }
    }
}
