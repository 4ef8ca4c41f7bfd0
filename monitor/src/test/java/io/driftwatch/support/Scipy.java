package io.driftwatch.support;

import io.driftwatch.util.Json;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;

/**
 * Runs SciPy (through the test resource scipy_oracle.py) to get reference values for the statistics
 * tests. The first python3 that can import scipy and scikit-learn is used; .ci/run makes sure one exists.
 */
public final class Scipy {
    private static final List<String> CANDIDATES = List.of("/usr/bin/python3", "python3");
    private static String python;

    private Scipy() {
    }

    /** Evaluates the cases and returns one JSON result per case, in order. */
    public static List<JsonNode> run(List<Map<String, Object>> cases) throws IOException, InterruptedException {
        Path script = Files.createTempFile("scipy_oracle", ".py");
        try (InputStream in = Scipy.class.getResourceAsStream("/scipy_oracle.py")) {
            Files.copy(in, script, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        Path input = Files.createTempFile("scipy_cases", ".json");
        Files.writeString(input, Json.write(Map.of("cases", cases)));
        Process p = new ProcessBuilder(python(), script.toString()).redirectInput(input.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException("scipy oracle failed (exit " + p.exitValue() + ")");
        }
        Files.delete(script);
        Files.delete(input);
        JsonNode results = Json.MAPPER.readTree(out).get("results");
        return java.util.stream.StreamSupport.stream(results.spliterator(), false).toList();
    }

    private static synchronized String python() throws IOException, InterruptedException {
        if (python != null) {
            return python;
        }
        for (String candidate : CANDIDATES) {
            try {
                Process p = new ProcessBuilder(candidate, "-c", "import scipy, numpy, sklearn")
                        .redirectErrorStream(true).redirectOutput(new File("/dev/null")).start();
                if (p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0) {
                    python = candidate;
                    return python;
                }
            } catch (IOException e) {
                // try the next candidate
            }
        }
        throw new IllegalStateException("no python3 with scipy and scikit-learn: apt-get install python3-sklearn (or run .ci/run)");
    }
}
