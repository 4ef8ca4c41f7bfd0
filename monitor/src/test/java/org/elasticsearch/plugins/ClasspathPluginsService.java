package org.elasticsearch.plugins;

import java.util.ArrayList;
import java.util.List;
import org.elasticsearch.Version;
import org.elasticsearch.action.admin.cluster.node.info.PluginsAndModules;
import org.elasticsearch.env.Environment;

/**
 * Test only (compiled for Java 21, run in the test Elasticsearch node's own JVM): a PluginsService that
 * instantiates plugin classes found on the classpath, since the test node has no plugins directory.
 * In this package because LoadedPlugin and loadPlugin are package-private.
 */
public final class ClasspathPluginsService extends PluginsService {
    private final List<LoadedPlugin> loaded;
    private final PluginsAndModules info;

    public ClasspathPluginsService(Environment env, PluginsLoader loader, List<Class<? extends Plugin>> classes) {
        super(env.settings(), env.configDir(), loader);
        List<LoadedPlugin> plugins = new ArrayList<>(super.plugins());
        List<PluginDescriptor> descriptors = new ArrayList<>();
        for (Class<? extends Plugin> c : classes) {
            PluginDescriptor d = new PluginDescriptor(c.getName(), "classpath plugin " + c.getSimpleName(), "1",
                    Version.CURRENT.toString(), "21", c.getName(), null, List.of(), false, false, false, false, null);
            Plugin instance = loadPlugin(c, env.settings(), env.configDir());
            plugins.add(new LoadedPlugin(d, instance, c.getClassLoader()));
            descriptors.add(d);
        }
        loadExtensions(plugins);
        this.loaded = List.copyOf(plugins);
        this.info = new PluginsAndModules(descriptors.stream().map(PluginRuntimeInfo::new).toList(), List.of());
    }


    @Override
    protected List<LoadedPlugin> plugins() {
        return loaded;
    }

    @Override
    public PluginsAndModules info() {
        return info;
    }
}
