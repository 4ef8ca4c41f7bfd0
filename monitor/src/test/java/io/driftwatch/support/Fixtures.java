package io.driftwatch.support;

import io.driftwatch.util.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Writes small, valid Driftwatch setups (config, rules, routing, logs) into a test directory. */
public final class Fixtures {
    private Fixtures() {
    }

    public static Path write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A config with one model "m" (numeric x, categorical c) over logs/m.jsonl and reference/m.jsonl. */
    public static Path config(Path dir, String interval, String alertsFile) {
        write(dir.resolve("rules/drift.yaml"), """
                rules:
                  - name: XShift
                    expr: psi > 0.25
                    for: 2
                    severity: critical
                    annotations:
                      summary: "PSI {{ $value }} on {{ $labels.feature }}"
                """);
        write(dir.resolve("alerts/routing.yaml"), """
                route:
                  receiver: file
                receivers:
                  - name: file
                    console:
                      file: %s
                """.formatted(alertsFile));
        return write(dir.resolve("driftwatch.yaml"), """
                store:
                  path: data/dw
                http:
                  address: 127.0.0.1
                  port: 0
                rules: [rules/*.yaml]
                alerts: alerts/routing.yaml
                models:
                  - name: m
                    source:
                      path: logs/m.jsonl*
                    reference:
                      file: reference/m.jsonl
                    features:
                      - {name: x, type: numeric}
                      - {name: c, type: categorical}
                    window: 1h
                    schedule: {interval: %s}
                """.formatted(interval));
    }

    /** A routing file with one receiver, {@code log}, printing alerts to the console. */
    public static Path consoleRouting(Path file) {
        return write(file, "route: {receiver: log}\nreceivers:\n  - name: log\n    console: {}\n");
    }

    /** One log line in the default shape. */
    public static String logLine(Instant at, double x, String c, String version) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("@timestamp", at.toString());
        doc.put("model", "m");
        doc.put("model_version", version);
        doc.put("input", Map.of("x", x, "c", c));
        doc.put("prediction", x > 0 ? 1 : 0);
        return Json.write(doc);
    }

    /** n lines with x ~ N(shift, 1) and c uniform over a, b, c, timestamped just before {@code end}. */
    public static List<String> lines(int n, double shift, Instant end, long seed) {
        Random rnd = new Random(seed);
        String[] cats = {"a", "b", "c"};
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(logLine(end.minusMillis(n - i), rnd.nextGaussian() + shift, cats[rnd.nextInt(3)], "7"));
        }
        return out;
    }

    public static void writeLines(Path file, List<String> lines) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A configuration file's text without its yaml-language-server modeline (copies differ only in its path). */
    public static String withoutModeline(String text) {
        return text.replaceFirst("(?m)^# yaml-language-server: \\$schema=\\S+\n", "");
    }
}
