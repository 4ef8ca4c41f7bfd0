package io.driftwatch.action.retrain;

import io.driftwatch.config.ActionConfig;
import io.driftwatch.config.ConfigNode;
import java.util.List;

/**
 * The settings of the retraining kinds that run something by name (a CronJob, a WorkflowTemplate, a
 * Pipeline): the kind, the rules that trigger it, and the name.
 */
public record NamedRun(String kind, List<String> on, String name) implements ActionConfig.Retrain {
    public NamedRun {
        on = List.copyOf(on);
    }

    /** Reads the required {@code name} of what {@code kind} runs ({@code what}: "CronJob", …). */
    static NamedRun parse(String kind, ConfigNode n, List<String> on, String what) {
        String name = n.string("name").orElse(null);
        if (name == null) {
            n.errors().add(n.location(), n.path(), kind + " needs name (the " + what + ")");
        }
        return new NamedRun(kind, on, name);
    }

    /** The kind of a run by name: parsed as a {@link NamedRun}; the subclass creates the run. */
    abstract static class Kind implements RetrainKind {
        private final String name;
        private final String what;
        private final String description;

        Kind(String name, String what, String description) {
            this.name = name;
            this.what = what;
            this.description = description;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String description() {
            return description;
        }

        @Override
        public Class<NamedRun> configType() {
            return NamedRun.class;
        }

        @Override
        public NamedRun parse(ConfigNode n, List<String> on, java.nio.file.Path base) {
            return NamedRun.parse(name, n, on, what);
        }
    }
}
