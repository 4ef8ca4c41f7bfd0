package io.driftwatch.demo;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Lays out a demo directory: the example rules and routing shipped in the jar (the same files as
 * {@code rules/} and {@code alerts/} in the repository) and a driftwatch.yaml for the two demo models.
 */
public final class DemoSetup {
    /** The repository files the demo runs on, as packaged under {@code demo/} in the jar. */
    static final List<String> SHIPPED = List.of("rules/drift.yaml", "alerts/routing.yaml");

    private DemoSetup() {
    }

    /** Writes the demo's files into {@code dir} and returns the configuration file. */
    public static Path write(Path dir, int port, String interval, String window) throws IOException {
        for (String name : SHIPPED) {
            Path target = dir.resolve(name);
            Files.createDirectories(target.getParent());
            try (InputStream in = Objects.requireNonNull(DemoSetup.class.getResourceAsStream("/demo/" + name), name)) {
                Files.copy(in, target);
            }
        }
        Path config = dir.resolve("driftwatch.yaml");
        Files.writeString(config, config(port, interval, window));
        return config;
    }

    /** 8080 when free, else any free port. */
    public static int preferredPort() {
        try (ServerSocket s = new ServerSocket(8080)) {
            return s.getLocalPort();
        } catch (IOException e) {
            return 0;
        }
    }

    private static String config(int port, String interval, String window) {
        return """
                # Written by `driftwatch demo`: two models logging to logs/, references in reference/.
                store:
                  path: data/driftwatch
                http:
                  address: 127.0.0.1
                  port: %d
                rules:
                  - rules/*.yaml
                alerts: alerts/routing.yaml
                models:
                  - name: credit-risk
                    source:
                      type: file
                      path: logs/credit-risk.jsonl*
                    reference:
                      file: reference/credit-risk.jsonl
                    features:
                      - {name: income, type: numeric}
                      - {name: age, type: numeric}
                      - {name: debt_ratio, type: numeric}
                      - {name: credit_score, type: numeric}
                      - {name: employment, type: categorical}
                    prediction: {name: score, field: prediction, type: numeric}
                    window: %s
                    schedule: {interval: %s}
                    multivariate: {variance: 0.65}             # PCA reconstruction error of the features together
                    estimated: {threshold: 0.5}                # accuracy, precision, recall, F1, ROC AUC without labels
                  - name: churn
                    source:
                      type: file
                      path: logs/churn.jsonl*
                    reference:
                      file: reference/churn.jsonl
                    features:
                      - {name: plan, type: categorical}
                      - {name: region, type: categorical}
                      - {name: device, type: categorical}
                      - {name: tenure_months, type: numeric}
                    prediction: {name: churn_prediction, field: prediction, type: categorical}
                    window: %s
                    schedule: {interval: %s}
                """.formatted(port, window, interval, window, interval);
    }
}
