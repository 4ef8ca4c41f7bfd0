package io.driftwatch.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The history behind {@code bench/run backtest}: a 20-feature model (16 numeric, 4 categorical, a score)
 * logging 2,000 records a minute for {@code days} days as JSON lines, one rotated file per day
 * ({@code m.jsonl.6} … {@code m.jsonl}), a reference of 20,000 records, a driftwatch.yaml and a rule
 * file. Two hours of the fourth day carry a shift of one feature. Usage: BacktestData DIR [days]
 */
public final class BacktestData {
    static final Instant START = Instant.parse("2026-11-02T00:00:00Z");
    private static final int PER_MINUTE = 2000;
    private static final String[] PLANS = {"basic", "plus", "pro", "team"};

    private BacktestData() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        int days = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        Files.createDirectories(dir.resolve("logs"));
        SplittableRandom r = new SplittableRandom(20261202);
        try (BufferedWriter w = Files.newBufferedWriter(dir.resolve("reference.jsonl"), StandardCharsets.UTF_8)) {
            for (int i = 0; i < 20_000; i++) {
                w.write(line(r, START.minusSeconds(20_000 - i), false));
                w.newLine();
            }
        }
        for (int d = 0; d < days; d++) {
            String name = d == days - 1 ? "m.jsonl" : "m.jsonl." + (days - 1 - d);
            try (BufferedWriter w = Files.newBufferedWriter(dir.resolve("logs").resolve(name), StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.TRUNCATE_EXISTING)) {
                for (int m = 0; m < 1440; m++) {
                    Instant minute = START.plus(Duration.ofDays(d)).plus(Duration.ofMinutes(m));
                    boolean shifted = d == 3 && m >= 600 && m < 720;
                    for (int i = 0; i < PER_MINUTE; i++) {
                        w.write(line(r, minute.plusMillis(i * 30L), shifted));
                        w.newLine();
                    }
                }
            }
        }
        Files.writeString(dir.resolve("rules.yaml"), """
                rules:
                  - {name: FeatureShift, expr: psi > 0.25, for: 3, severity: warning}
                  - {name: ManyFeaturesDrift, expr: drifted_features >= 3, for: 3, severity: critical}
                """);
        Files.writeString(dir.resolve("routing.yaml"), "route: {receiver: log}\nreceivers:\n  - name: log\n    console: {}\n");
        StringBuilder features = new StringBuilder();
        for (int f = 0; f < 16; f++) {
            features.append("      - {name: f").append(f).append(", type: numeric}\n");
        }
        for (int f = 0; f < 4; f++) {
            features.append("      - {name: c").append(f).append(", type: categorical}\n");
        }
        Files.writeString(dir.resolve("driftwatch.yaml"), """
                store: {path: data/dw}
                rules: [rules.yaml]
                alerts: routing.yaml
                models:
                  - name: m
                    source: {path: logs/m.jsonl*}
                    reference: {file: reference.jsonl}
                    features:
                %s    prediction: {field: prediction, type: numeric}
                    window: 1m
                    schedule: {interval: 1m}
                """.formatted(features));
    }

    private static String line(SplittableRandom r, Instant at, boolean shifted) {
        StringBuilder b = new StringBuilder(640);
        b.append("{\"@timestamp\":\"").append(at).append("\",\"model\":\"m\",\"model_version\":\"7\",\"input\":{");
        for (int f = 0; f < 16; f++) {
            double v = gaussian(r) + (shifted && f == 0 ? 1.0 : 0);
            b.append(f == 0 ? "" : ",").append("\"f").append(f).append("\":").append(String.format(Locale.ROOT, "%.5f", v));
        }
        for (int f = 0; f < 4; f++) {
            b.append(",\"c").append(f).append("\":\"").append(PLANS[r.nextInt(PLANS.length)]).append('"');
        }
        b.append("},\"prediction\":").append(String.format(Locale.ROOT, "%.4f", r.nextDouble()))
                .append(",\"request_id\":\"r").append(r.nextLong() & Long.MAX_VALUE).append("\"}");
        return b.toString();
    }

    private static double gaussian(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }
}
