package io.driftwatch.source.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.driftwatch.config.PrometheusConfig;
import io.driftwatch.source.SourceException;
import java.io.FileInputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client against a local server that speaks Prometheus' query API: credentials from the environment
 * (set by the build for tests), error classes, range queries, timeouts and TLS with a CA file.
 */
class PrometheusClientTest {
    private static final String VECTOR = "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":["
            + "{\"metric\":{\"model\":\"m\"},\"value\":[1700000000.5,\"0.25\"]},{\"metric\":{\"model\":\"n\"},\"value\":[1,\"NaN\"]}]}}";
    private static final String MATRIX = "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":["
            + "{\"metric\":{\"model\":\"m\"},\"values\":[[10,\"1\"],[20,\"2\"]]}]}}";

    @TempDir
    Path dir;
    private HttpServer server;
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final List<String> queries = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private String start(HttpServer s) {
        server = s;
        server.createContext("/api/v1/", ex -> {
            authorizations.add(String.valueOf(ex.getRequestHeaders().getFirst("Authorization")));
            queries.add(ex.getRequestURI().getQuery());
            String q = ex.getRequestURI().getQuery();
            int code = 200;
            String body = ex.getRequestURI().getPath().endsWith("query_range") ? MATRIX : VECTOR;
            if (q.contains("query=bad")) {
                code = 400;
                body = "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"parse error\"}";
            } else if (q.contains("query=down")) {
                code = 503;
                body = "{\"status\":\"error\",\"error\":\"overloaded\"}";
            } else if (q.contains("query=slow")) {
                try {
                    TimeUnit.SECONDS.sleep(3);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(code, b.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(b);
            }
        });
        server.start();
        return (s instanceof HttpsServer ? "https" : "http") + "://127.0.0.1:" + server.getAddress().getPort();
    }

    private static PrometheusConfig config(String url, String token, String user, String password, Path ca) {
        return new PrometheusConfig(url, token, user, password, ca, Duration.ofSeconds(1), Duration.ofSeconds(30));
    }

    @Test
    void instantAndRangeQueriesWithBearerToken() throws Exception {
        String url = start(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0));
        PrometheusClient c = new PrometheusClient(config(url, "DRIFTWATCH_TEST_PROM_TOKEN", null, null, null));
        List<PrometheusClient.Series> v = c.query("up", Instant.ofEpochMilli(1_700_000_000_500L));
        assertThat(v).extracting(PrometheusClient.Series::value).containsExactly(0.25, Double.NaN);
        assertThat(v.get(0).labels()).containsEntry("model", "m");
        assertThat(queries.get(0)).isEqualTo("query=up&time=1700000000.500");
        var range = c.queryRange("rate(x[5m])", Instant.ofEpochSecond(10), Instant.ofEpochSecond(20), Duration.ofSeconds(10));
        assertThat(range).singleElement().satisfies(r -> assertThat(r.samples()).hasSize(2));
        assertThat(queries.get(1)).contains("start=10.000").contains("end=20.000").contains("step=10.0");
        assertThat(authorizations).containsOnly("Bearer t0ken-for-tests");
    }

    @Test
    void basicAuthRejectedQueriesOutagesAndTimeoutsAreToldApart() throws Exception {
        String url = start(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0));
        PrometheusClient c = new PrometheusClient(config(url, null, "DRIFTWATCH_TEST_PROM_USER", "DRIFTWATCH_TEST_PROM_PASSWORD", null));
        c.query("up", Instant.now());
        assertThat(authorizations.get(0)).isEqualTo("Basic Z3JhZmFuYTpzM2NyZXQ=");
        assertThatThrownBy(() -> c.query("bad(", Instant.now())).isInstanceOf(QueryException.class)
                .hasMessage("bad_data: parse error");
        assertThatThrownBy(() -> c.query("down", Instant.now())).isInstanceOf(SourceException.class)
                .hasMessageContaining("HTTP 503");
        assertThatThrownBy(() -> c.query("slow", Instant.now())).isInstanceOf(SourceException.class)
                .hasMessageContaining("unreachable");
        assertThatThrownBy(() -> new PrometheusClient(config(url, "NO_SUCH_VARIABLE_SET", null, null, null)))
                .hasMessageContaining("NO_SUCH_VARIABLE_SET");
    }

    @Test
    void tlsWithTheConfiguredCaFile() throws Exception {
        Path keystore = dir.resolve("server.p12");
        Path ca = dir.resolve("ca.pem");
        keytool("-genkeypair", "-alias", "prom", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-keystore", keystore.toString(),
                "-storetype", "PKCS12", "-storepass", "changeit", "-keypass", "changeit");
        keytool("-exportcert", "-rfc", "-alias", "prom", "-keystore", keystore.toString(), "-storepass", "changeit",
                "-file", ca.toString());
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (FileInputStream in = new FileInputStream(keystore.toFile())) {
            ks.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "changeit".toCharArray());
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        HttpsServer https = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        https.setHttpsConfigurator(new HttpsConfigurator(ctx));
        String url = start(https);
        assertThat(new PrometheusClient(config(url, null, null, null, ca)).query("up", Instant.now())).hasSize(2);
        assertThatThrownBy(() -> new PrometheusClient(config(url, null, null, null, null)).query("up", Instant.now()))
                .as("an untrusted certificate is refused").isInstanceOf(SourceException.class);
    }

    private static void keytool(String... args) throws Exception {
        String[] cmd = new String[args.length + 1];
        cmd[0] = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        System.arraycopy(args, 0, cmd, 1, args.length);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
    }
}
