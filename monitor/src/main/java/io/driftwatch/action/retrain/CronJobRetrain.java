package io.driftwatch.action.retrain;

import io.driftwatch.action.ActionException;
import io.driftwatch.action.ActionRequest;
import io.driftwatch.config.ActionConfig;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;

/** {@code kind: cronjob}: a Job from a CronJob's jobTemplate, as {@code kubectl create job --from=cronjob/...}. */
public final class CronJobRetrain extends RetrainTrigger {
    public static final String NAME = "cronjob";

    private final NamedRun config;

    CronJobRetrain(String namespace, NamedRun config) {
        super(namespace, NAME);
        this.config = config;
    }

    @Override
    protected HasMetadata run(KubernetesClient client, ActionRequest r) throws ActionException {
        CronJob cj;
        try {
            cj = client.batch().v1().cronjobs().inNamespace(namespace).withName(config.name()).get();
        } catch (KubernetesClientException e) {
            throw ActionException.of("reading cronjob " + config.name(), e);
        }
        if (cj == null) {
            throw new ActionException("cronjob " + namespace + "/" + config.name() + " does not exist", false, null);
        }
        Job job = job(config.name() + "-dw-" + r.decisionId(), r,
                Serialization.clone(cj.getSpec().getJobTemplate().getSpec()), cj.getSpec().getJobTemplate().getMetadata());
        job.getMetadata().getAnnotations().put("cronjob.kubernetes.io/instantiate", "manual");
        job.getMetadata().setOwnerReferences(List.of(new OwnerReferenceBuilder().withApiVersion("batch/v1")
                .withKind("CronJob").withName(cj.getMetadata().getName()).withUid(cj.getMetadata().getUid())
                .withController(true).build()));
        return job;
    }

    /** Registration of the kind. */
    public static final class Kind extends NamedRun.Kind {
        public Kind() {
            super(NAME, "CronJob", "a Job from a CronJob's jobTemplate (`name`: the CronJob)");
        }

        @Override
        public RetrainTrigger create(String namespace, ActionConfig.Retrain config) {
            return new CronJobRetrain(namespace, (NamedRun) config);
        }
    }
}
