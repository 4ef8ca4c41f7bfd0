package org.elasticsearch.node;

import java.util.List;
import org.elasticsearch.cluster.service.ClusterService;
import org.elasticsearch.env.Environment;
import org.elasticsearch.plugins.ClasspathPluginsService;
import org.elasticsearch.plugins.Plugin;
import org.elasticsearch.plugins.PluginsLoader;
import org.elasticsearch.plugins.PluginsService;

/**
 * Test only: a real Elasticsearch node whose plugins come from the classpath. In this package because
 * NodeConstruction.prepareConstruction and NodeServiceProvider are package-private.
 */
public final class ClasspathNode extends Node {

    public ClasspathNode(Environment env, PluginsLoader loader, List<Class<? extends Plugin>> plugins) {
        super(NodeConstruction.prepareConstruction(env, loader, new NodeServiceProvider() {
            @Override
            PluginsService newPluginService(Environment environment, PluginsLoader pluginsLoader) {
                return new ClasspathPluginsService(environment, pluginsLoader, plugins);
            }
        }, false));
    }

    @Override
    protected void configureNodeAndClusterIdStateListener(ClusterService clusterService) {
        // a second node in one JVM would otherwise fail on a set-once holder
    }
}
