package io.driftwatch.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.driftwatch.support.ChildJvm;
import io.driftwatch.support.Fixtures;
import io.driftwatch.util.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Schemathesis (from PyPI, installed by .ci/run into a virtual environment of its own and named by
 * {@code DRIFTWATCH_SCHEMATHESIS}) against the built jar with data, a read token and a mutating token:
 * generated positive and negative cases and stateful sequences, run with both tokens, with the read
 * token only, and with none. Every answer conforms to {@code /api/v1/openapi.json} and none is a 5xx; and
 * without the mutating token nothing changes (the silences and actions stay as they were).
 */
class SchemathesisIT {
    private static final Pattern API = Pattern.compile("HTTP listening on (http://\\S+?)\"");
    private static final Pattern CASES = Pattern.compile("(\\d+) generated");
    private static final String WRITE = "wr1te-t0ken";
    private static final String READ = "r3ad-t0ken";

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();

    private static Path schemathesis() {
        return Path.of(io.driftwatch.support.CiTools.require("DRIFTWATCH_SCHEMATHESIS", io.driftwatch.support.CiTools::executable,
                "schemathesis"));
    }

    private String get(String base, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + READ).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    /** One schemathesis run; returns the number of cases it generated. */
    private int run(Path bin, String base, String token, String name) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(bin.toString(), "run", base + "/api/v1/openapi.json", "--url", base,
                "--checks", "not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance",
                "--phases", "examples,coverage,fuzzing,stateful", "--max-examples", "25", "--seed", "7", "--workers", "2",
                "--request-timeout", "20", "--no-color", "--generation-database", "none"));
        if (token != null) {
            cmd.addAll(List.of("-H", "Authorization: Bearer " + token));
        }
        Path log = dir.resolve("schemathesis-" + name + ".log");
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile())
                .start();
        assertThat(p.waitFor(15, TimeUnit.MINUTES)).as("schemathesis finished").isTrue();
        String out = Files.readString(log, StandardCharsets.UTF_8);
        Files.copy(log, Path.of("target", "schemathesis-" + name + ".log"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertThat(p.exitValue()).as("schemathesis (%s):%n%s", name, out).isZero();
        Matcher m = CASES.matcher(out);
        int cases = 0;
        while (m.find()) {
            cases = Integer.parseInt(m.group(1));
        }
        System.out.println("schemathesis " + name + ": " + cases + " test cases generated");
        return cases;
    }

    @Test
    void theApiConformsToItsDocumentAndNothingChangesWithoutTheMutatingToken() throws Exception {
        Path bin = schemathesis();
        Path config = Fixtures.config(dir, "2s", "alerts.jsonl");
        Fixtures.write(dir.resolve("write-token"), WRITE + "\n");
        Fixtures.write(dir.resolve("read-token"), READ + "\n");
        Files.writeString(config, Files.readString(config).replace("  port: 0\n",
                "  port: 0\n  token_file: write-token\n  read_token_file: read-token\n").replace("    window: 1h\n", "    window: 100d\n"));
        Instant now = Instant.now();
        Fixtures.writeLines(dir.resolve("reference/m.jsonl"), Fixtures.lines(500, 0, now.minusSeconds(86_400), 1));
        Fixtures.writeLines(dir.resolve("logs/m.jsonl"), Fixtures.lines(300, 0.5, now, 2));
        try (ChildJvm daemon = ChildJvm.start(dir, List.of(), "run", "--config", config.toString())) {
            await().atMost(Duration.ofSeconds(60)).until(() -> base(daemon) != null || !daemon.isAlive());
            String base = base(daemon);
            assertThat(base).as(String.join("\n", daemon.err())).isNotNull();
            await().atMost(Duration.ofSeconds(60)).until(() -> Json.MAPPER.readTree(get(base, "/api/v1/models/m/evaluations"))
                    .size() > 0);
            String silences = get(base, "/api/v1/silences");
            String actions = get(base, "/api/v1/actions");
            int none = run(bin, base, null, "no-token");
            int read = run(bin, base, READ, "read-token");
            assertThat(get(base, "/api/v1/silences")).as("no silence made without the mutating token").isEqualTo(silences);
            assertThat(get(base, "/api/v1/actions")).isEqualTo(actions);
            int write = run(bin, base, WRITE, "mutating-token");
            assertThat(none + read + write).as("test cases generated").isGreaterThan(500);
            System.out.println("schemathesis: " + (none + read + write) + " test cases generated in all");
            assertThat(daemon.isAlive()).isTrue();
            assertThat(daemon.err()).noneMatch(l -> l.contains("\"level\":\"ERROR\"") && l.contains("HttpApi"));
        }
    }

    private static String base(ChildJvm daemon) {
        for (String l : (Iterable<String>) java.util.stream.Stream.concat(daemon.out().stream(), daemon.err().stream())::iterator) {
            Matcher m = API.matcher(l);
            if (m.find()) {
                return m.group(1);
            }
        }
        return null;
    }
}
