package io.driftwatch.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Parses a model's {@code actions} block. */
final class ActionParser {

    private final Path base;
    private final RollbackKinds rollbacks;
    private final RetrainKinds retrains;

    ActionParser(Path base, RollbackKinds rollbacks, RetrainKinds retrains) {
        this.base = base;
        this.rollbacks = rollbacks;
        this.retrains = retrains;
    }

    ActionConfig parse(ConfigNode n) {
        String modeText = n.string("mode").orElse("dry-run");
        ActionConfig.Mode mode = switch (modeText) {
            case "dry-run" -> ActionConfig.Mode.DRY_RUN;
            case "approve" -> ActionConfig.Mode.APPROVE;
            case "auto" -> ActionConfig.Mode.AUTO;
            default -> {
                n.error("mode", "unknown mode '" + modeText + "'; use dry-run, approve or auto");
                yield ActionConfig.Mode.DRY_RUN;
            }
        };
        String namespace = n.requiredString("namespace");
        ActionConfig.Rollback rollback = n.map("rollback").map(this::rollback).orElse(null);
        ActionConfig.Retrain retrain = n.map("retrain").map(this::retrain).orElse(null);
        if (rollback == null && retrain == null) {
            n.errors().add(n.location(), n.path(), "give a rollback, a retrain, or both");
        }
        Duration cooldown = n.duration("cooldown").orElse(Duration.ofHours(1));
        long budget = n.integer("budget").orElse(3L);
        long breaker = n.integer("circuit_breaker").orElse(3L);
        if (budget < 1 || breaker < 1) {
            n.error(budget < 1 ? "budget" : "circuit_breaker", "must be at least 1");
        }
        Duration ttl = n.duration("approval_ttl").orElse(Duration.ofHours(1));
        Duration verify = n.duration("verify_timeout").orElse(Duration.ofMinutes(10));
        n.finish();
        return new ActionConfig(mode, namespace, rollback, retrain, cooldown, (int) budget, (int) breaker, ttl, verify);
    }

    private ActionConfig.Rollback rollback(ConfigNode n) {
        n.values("strategy", rollbacks.names());
        String strategy = n.requiredString("strategy");
        List<String> on = n.stringList("on");
        ActionConfig.Rollback r = null;
        if (strategy != null && !rollbacks.names().contains(strategy)) {
            n.error("strategy", "unknown strategy '" + strategy + "'; use one of " + rollbacks.names());
        } else if (strategy != null) {
            r = rollbacks.parse(strategy, n, on);
        }
        n.finish();
        return r;
    }

    private ActionConfig.Retrain retrain(ConfigNode n) {
        n.values("kind", retrains.names());
        String kind = n.requiredString("kind");
        List<String> on = n.stringList("on");
        ActionConfig.Retrain r = null;
        if (kind != null && !retrains.names().contains(kind)) {
            n.error("kind", "unknown retraining kind '" + kind + "'; use one of " + retrains.names());
        } else if (kind != null) {
            r = retrains.parse(kind, n, on, base);
        }
        n.finish();
        return r;
    }
}
