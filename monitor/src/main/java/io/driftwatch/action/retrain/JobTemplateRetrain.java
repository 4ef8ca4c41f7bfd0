package io.driftwatch.action.retrain;

import io.driftwatch.action.ActionException;
import io.driftwatch.action.ActionRequest;
import io.driftwatch.config.ActionConfig;
import io.driftwatch.config.ConfigNode;
import io.driftwatch.config.ConfigParser;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** {@code kind: job-template}: a Job from a template file. */
public final class JobTemplateRetrain extends RetrainTrigger {
    public static final String NAME = "job-template";

    /** The Job manifest each run is made from. */
    public record Config(List<String> on, Path template) implements ActionConfig.Retrain {
        public Config {
            on = List.copyOf(on);
        }

        @Override
        public String kind() {
            return NAME;
        }
    }

    private final Config config;

    JobTemplateRetrain(String namespace, Config config) {
        super(namespace, NAME);
        this.config = config;
    }

    @Override
    protected HasMetadata run(KubernetesClient client, ActionRequest r) throws ActionException {
        Job template;
        try {
            template = Serialization.unmarshal(Files.readString(config.template()), Job.class);
        } catch (IOException | RuntimeException e) {
            throw new ActionException("cannot read the job template " + config.template() + ": " + e.getMessage(), false, e);
        }
        return job("retrain-dw-" + r.decisionId(), r, template.getSpec(), null);
    }

    /** Registration of the kind. */
    public static final class Kind implements RetrainKind {
        @Override
        public String name() {
            return NAME;
        }

        @Override
        public String description() {
            return "a Job from a manifest file (`template`)";
        }

        @Override
        public Class<Config> configType() {
            return Config.class;
        }

        @Override
        public ActionConfig.Retrain parse(ConfigNode n, List<String> on, Path base) {
            Path template = n.string("template").map(f -> ConfigParser.existingFile(base, n, "template", f)).orElse(null);
            if (template == null && !n.has("template")) {
                n.errors().add(n.location(), n.path(), "job-template needs template (a file)");
            }
            return new Config(on, template);
        }

        @Override
        public RetrainTrigger create(String namespace, ActionConfig.Retrain config) {
            return new JobTemplateRetrain(namespace, (Config) config);
        }
    }
}
