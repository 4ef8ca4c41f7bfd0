package io.driftwatch.action.rollback;

import io.driftwatch.action.DecisionLog;
import io.driftwatch.action.Strategy;
import io.driftwatch.config.ActionConfig;
import io.driftwatch.config.ConfigNode;
import java.util.List;
import java.util.Set;

/**
 * {@code strategy: canary-abort}, {@code canary}, {@code canary_kind} (deployment, virtualservice or
 * rollout) and, for a VirtualService, {@code stable_host} and/or {@code stable_subset}.
 */
public final class CanaryAbortKind extends BaseRollbackKind {
    public static final String NAME = "canary-abort";
    static final Set<String> CANARY_KINDS = Set.of("deployment", "virtualservice", "rollout");

    /** The canary and how it is aborted. */
    public record Config(List<String> on, String canaryKind, String canaryName, String stableHost, String stableSubset)
            implements ActionConfig.Rollback {
        public Config {
            on = List.copyOf(on);
        }

        @Override
        public String strategy() {
            return NAME;
        }
    }

    public CanaryAbortKind() {
        super(NAME, "scales a canary Deployment to 0, gives an Istio VirtualService's stable host all the weight, or "
                + "aborts an Argo Rollout", Config.class);
    }

    @Override
    public ActionConfig.Rollback parse(ConfigNode n, List<String> on) {
        String canaryKind = n.string("canary_kind").orElse("deployment");
        String canary = n.string("canary").orElse(null);
        String host = n.string("stable_host").orElse(null);
        String subset = n.string("stable_subset").orElse(null);
        if (!CANARY_KINDS.contains(canaryKind)) {
            n.error("canary_kind", "unknown canary kind '" + canaryKind + "'; use one of " + CANARY_KINDS);
        }
        if (canary == null || ("virtualservice".equals(canaryKind) && host == null && subset == null)) {
            n.errors().add(n.location(), n.path(),
                    "canary-abort needs canary (and stable_host, stable_subset or both for a virtualservice)");
        }
        return new Config(on, canaryKind, canary, host, subset);
    }

    @Override
    public Strategy create(String model, String namespace, ActionConfig.Rollback config, DecisionLog log) {
        Config c = (Config) config;
        return new CanaryAbort(namespace, c.canaryKind(), c.canaryName(), c.stableHost(), c.stableSubset());
    }
}
