package io.driftwatch.action.rollback;

import io.driftwatch.action.DecisionLog;
import io.driftwatch.action.Strategy;
import io.driftwatch.config.ActionConfig;
import io.driftwatch.config.ConfigNode;
import java.util.List;
import java.util.Map;

/** {@code strategy: service-switch}, {@code service}, {@code stable_selector}: blue/green back to stable. */
public final class ServiceSwitchKind extends BaseRollbackKind {
    public static final String NAME = "service-switch";

    /** The Service and the selector of its stable pods. */
    public record Config(List<String> on, String service, Map<String, String> stableSelector)
            implements ActionConfig.Rollback {
        public Config {
            on = List.copyOf(on);
            stableSelector = Map.copyOf(stableSelector);
        }

        @Override
        public String strategy() {
            return NAME;
        }
    }

    public ServiceSwitchKind() {
        super(NAME, "sets the Service's selector back to the stable labels (blue/green)", Config.class);
    }

    @Override
    public ActionConfig.Rollback parse(ConfigNode n, List<String> on) {
        String service = n.string("service").orElse(null);
        var selector = n.stringMap("stable_selector");
        if (service == null || selector.isEmpty()) {
            n.errors().add(n.location(), n.path(), "service-switch needs service and stable_selector");
        }
        return new Config(on, service, selector);
    }

    @Override
    public Strategy create(String model, String namespace, ActionConfig.Rollback config, DecisionLog log) {
        Config c = (Config) config;
        return new ServiceSwitch(namespace, c.service(), c.stableSelector());
    }
}
