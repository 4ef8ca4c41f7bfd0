package io.driftwatch.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A real Elasticsearch 9 node for the tests, run from the Maven artifacts in its own JVM (the server is
 * Java 21 bytecode and brings its own log4j, Netty and Jackson), one per test JVM. It serves HTTP on
 * 127.0.0.1 and stops when this JVM exits.
 */
public final class EsNode {
    private static EsNode shared;

    private final Process process;
    private final String url;

    private EsNode(Process process, String url) {
        this.process = process;
        this.url = url;
    }

    /** The node of this test JVM, started on first use. */
    public static synchronized EsNode get() throws IOException, InterruptedException {
        if (shared == null) {
            shared = start();
            Runtime.getRuntime().addShutdownHook(new Thread(shared.process::destroyForcibly));
        }
        return shared;
    }

    public String url() {
        return url;
    }

    private static EsNode start() throws IOException, InterruptedException {
        // zstd-jni (kafka-clients' codec) makes the node's Netty offer zstd HTTP compression, which then fails on
        // its heap buffers and leaves the answer unsent: the node runs without it, as a real node does
        String cp = java.util.Arrays.stream(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"))
                .split(java.io.File.pathSeparator)).filter(e -> !e.contains("zstd-jni"))
                .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
        Path java = Path.of(System.getProperty("driftwatch.es.jdk", "/usr/lib/jvm/temurin-25-jdk-amd64"), "bin", "java");
        Process p = new ProcessBuilder(List.of(java.toString(), "-Xmx" + System.getProperty("es.heap", "512m"), "--enable-native-access=ALL-UNNAMED",
                "--add-modules=jdk.incubator.vector", "-cp", cp, "io.driftwatch.es.node.EsNodeMain"))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> address = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            // reads the node's output to its end: a pipe left unread fills up and stalls the node's logging threads
            try {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    if (!address.isDone() && line.startsWith("HTTP ")) {
                        address.complete(line.substring(5).strip());
                    }
                }
            } catch (IOException e) {
                // the node is gone
            }
            address.complete(null);
        }, "es-node-output");
        reader.setDaemon(true);
        reader.start();
        try {
            String a = address.get(180, TimeUnit.SECONDS);
            if (a == null) {
                throw new IllegalStateException("the Elasticsearch node exited before serving (exit " + p.waitFor() + ")");
            }
            return new EsNode(p, "http://" + a);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            p.destroyForcibly();
            throw new IllegalStateException("the Elasticsearch node did not start", e);
        }
    }
}
