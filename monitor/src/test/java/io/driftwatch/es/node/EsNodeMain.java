package io.driftwatch.es.node;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.elasticsearch.common.logging.LogConfigurator;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;
import org.elasticsearch.http.HttpServerTransport;
import org.elasticsearch.node.ClasspathNode;
import org.elasticsearch.node.InternalSettingsPreparer;
import org.elasticsearch.plugins.PluginsLoader;
import org.elasticsearch.transport.netty4.Netty4Plugin;

/**
 * Test only: runs one Elasticsearch node on 127.0.0.1 in this JVM, prints {@code HTTP <host:port>} when
 * it serves, and stops when standard input closes (the test JVM that started it went away).
 */
public final class EsNodeMain {
    private EsNodeMain() {
    }

    public static void main(String[] args) throws Exception {
        Path home = Files.createTempDirectory("driftwatch-es-");
        Settings settings = Settings.builder().put("cluster.name", "driftwatch-test").put("node.name", "node-0")
                .put("path.home", home.toString()).put("discovery.type", "single-node")
                .put("network.host", "127.0.0.1").put("http.port", "19200-19299").put("transport.port", "19300-19399")
                .put("cluster.routing.allocation.disk.threshold_enabled", false)
                .put("indices.breaker.total.use_real_memory", false).put("node.processors", 2)
                .put("logger.level", "WARN").build();
        LogConfigurator.configureWithoutConfig(settings);
        Environment env = InternalSettingsPreparer.prepareEnvironment(settings, Map.of(), null, () -> "node-0");
        ClasspathNode node = new ClasspathNode(env, PluginsLoader.createPluginsLoader(java.util.Set.of(),
                java.util.Set.of(), Map.of(), false), List.of(Netty4Plugin.class));
        node.start();
        var address = node.injector().getInstance(HttpServerTransport.class).boundAddress().publishAddress();
        System.out.println("HTTP " + address.getAddress() + ":" + address.getPort());
        System.out.flush();
        while (System.in.read() >= 0) {
            // wait for EOF
        }
        node.close();
        node.awaitClose(30, TimeUnit.SECONDS);
    }
}
