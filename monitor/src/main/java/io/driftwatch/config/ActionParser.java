package io.driftwatch.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

/** Parses a model's {@code actions} block. */
final class ActionParser {
    static final Set<String> ROLLBACKS = Set.of("deployment-undo", "service-switch", "canary-abort");
    static final Set<String> CANARY_KINDS = Set.of("deployment", "virtualservice", "rollout");
    static final Set<String> RETRAINS = Set.of("cronjob", "job-template", "argo-workflow", "tekton-pipeline");

    private final Path base;

    ActionParser(Path base) {
        this.base = base;
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
        String strategy = n.requiredString("strategy");
        if (strategy != null && !ROLLBACKS.contains(strategy)) {
            n.error("strategy", "unknown strategy '" + strategy + "'; use one of " + ROLLBACKS);
        }
        String deployment = n.string("deployment").orElse(null);
        String service = n.string("service").orElse(null);
        var selector = n.stringMap("stable_selector");
        String canaryKind = n.string("canary_kind").orElse("deployment");
        String canary = n.string("canary").orElse(null);
        String host = n.string("stable_host").orElse(null);
        if ("deployment-undo".equals(strategy) && deployment == null) {
            n.errors().add(n.location(), n.pathOf("deployment"), "is required for deployment-undo");
        }
        if ("service-switch".equals(strategy) && (service == null || selector.isEmpty())) {
            n.errors().add(n.location(), n.path(), "service-switch needs service and stable_selector");
        }
        if ("canary-abort".equals(strategy)) {
            if (!CANARY_KINDS.contains(canaryKind)) {
                n.error("canary_kind", "unknown canary kind '" + canaryKind + "'; use one of " + CANARY_KINDS);
            }
            if (canary == null || ("virtualservice".equals(canaryKind) && host == null)) {
                n.errors().add(n.location(), n.path(), "canary-abort needs canary (and stable_host for a virtualservice)");
            }
        }
        ActionConfig.Rollback r = new ActionConfig.Rollback(strategy, n.stringList("on"), deployment, service, selector,
                canaryKind, canary, host);
        n.finish();
        return r;
    }

    private ActionConfig.Retrain retrain(ConfigNode n) {
        String kind = n.requiredString("kind");
        if (kind != null && !RETRAINS.contains(kind)) {
            n.error("kind", "unknown retraining kind '" + kind + "'; use one of " + RETRAINS);
        }
        String name = n.string("name").orElse(null);
        Path template = n.string("template").map(f -> ConfigParser.existingFile(base, n, "template", f)).orElse(null);
        if ("job-template".equals(kind) ? template == null : name == null) {
            n.errors().add(n.location(), n.path(), "job-template".equals(kind) ? "job-template needs template (a file)"
                    : kind + " needs name (the CronJob, WorkflowTemplate or Pipeline)");
        }
        ActionConfig.Retrain r = new ActionConfig.Retrain(kind, n.stringList("on"), name, template);
        n.finish();
        return r;
    }
}
