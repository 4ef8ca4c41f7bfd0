package io.driftwatch.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The load of {@code bench/run ingest}: CLIENTS threads post KServe payload-logger events (binary mode, as
 * KServe's logger sends them: a request of ROWS instances, then its response) to a running daemon for SECONDS,
 * and report records acknowledged per second, acknowledgement latency percentiles and refusals.
 * Usage: IngestLoad URL SERVICE CLIENTS SECONDS ROWS
 */
public final class IngestLoad {
    private IngestLoad() {
    }

    public static void main(String[] args) throws Exception {
        String url = args[0] + "/api/v1/ingest/kserve";
        String service = args[1];
        int clients = Integer.parseInt(args[2]);
        long seconds = Long.parseLong(args[3]);
        int rows = Integer.parseInt(args[4]);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        LongAdder acked = new LongAdder();
        LongAdder refused = new LongAdder();
        AtomicLong ids = new AtomicLong();
        long[][] latencies = new long[clients][];
        int[] counts = new int[clients];
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        Thread[] threads = new Thread[clients];
        for (int c = 0; c < clients; c++) {
            int me = c;
            latencies[c] = new long[1 << 20];
            threads[c] = new Thread(() -> {
                SplittableRandom r = new SplittableRandom(me);
                while (System.nanoTime() < end) {
                    String id = "load-" + ids.incrementAndGet();
                    StringBuilder req = new StringBuilder("{\"instances\": [");
                    StringBuilder res = new StringBuilder("{\"predictions\": [");
                    for (int i = 0; i < rows; i++) {
                        req.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "[%.4f, %.4f, \"%s\"]",
                                r.nextGaussian(), r.nextDouble() * 100, r.nextBoolean() ? "monthly" : "yearly"));
                        res.append(i == 0 ? "" : ", ").append(r.nextInt(2));
                    }
                    for (String[] ev : new String[][] {{"request", req + "]}"}, {"response", res + "]}"}}) {
                        long t0 = System.nanoTime();
                        int status = post(http, url, service, id, ev[0], ev[1]);
                        long took = System.nanoTime() - t0;
                        if (status == 200) {
                            if (counts[me] < latencies[me].length) {
                                latencies[me][counts[me]++] = took;
                            }
                            if (ev[0].equals("request")) {
                                acked.add(rows);
                            }
                        } else {
                            refused.increment();
                        }
                    }
                }
            });
            threads[c].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        long[] all = Arrays.stream(latencies).flatMapToLong(l -> Arrays.stream(l)).filter(x -> x > 0).sorted().toArray();
        System.out.printf(Locale.ROOT, "{\"records_acknowledged\": %d, \"records_per_second\": %.0f, \"posts\": %d, "
                + "\"refused\": %d, \"p50_ms\": %.1f, \"p99_ms\": %.1f, \"max_ms\": %.1f}%n", acked.sum(),
                acked.sum() / (double) seconds, all.length, refused.sum(), pct(all, 0.50), pct(all, 0.99),
                all.length == 0 ? 0 : all[all.length - 1] / 1e6);
    }

    private static double pct(long[] sorted, double q) {
        return sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, Math.floor(q * sorted.length))] / 1e6;
    }

    private static int post(HttpClient http, String url, String service, String id, String type, String body) {
        try {
            HttpRequest req = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json").header("Ce-Specversion", "1.0").header("Ce-Id", id)
                    .header("Ce-Type", "org.kubeflow.serving.inference." + type).header("Ce-Source", "http://localhost:9081/")
                    .header("Ce-Inferenceservicename", service).header("Ce-Namespace", "ml").header("Ce-Component", "predictor")
                    .header("Ce-Time", Instant.now().toString()).POST(HttpRequest.BodyPublishers.ofString(body)).build();
            return http.send(req, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (java.io.IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
