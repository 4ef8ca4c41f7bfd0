package io.driftwatch.action;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Records a core/v1 Event on the object an action targeted, so {@code kubectl describe} shows it. */
final class KubeEvents {
    private static final Logger LOG = LoggerFactory.getLogger(KubeEvents.class);

    private KubeEvents() {
    }

    /** {@code target} is "apiVersion/Kind namespace/name" (or "apiVersion/Kind namespace" for a created run). */
    static void record(KubernetesClient client, String target, String reason, String message, boolean warning,
                       Instant now) {
        String[] parts = target.split(" ");
        String apiVersion = parts[0].substring(0, parts[0].lastIndexOf('/'));
        String kind = parts[0].substring(parts[0].lastIndexOf('/') + 1);
        String[] nsName = parts[1].split("/", 2);
        String name = nsName.length > 1 ? nsName[1] : "";
        try {
            client.v1().events().inNamespace(nsName[0]).resource(new EventBuilder()
                    .withNewMetadata().withGenerateName("driftwatch-").withNamespace(nsName[0]).endMetadata()
                    .withInvolvedObject(new ObjectReferenceBuilder().withApiVersion(apiVersion).withKind(kind)
                            .withNamespace(nsName[0]).withName(name).build())
                    .withReason(reason).withMessage(message).withType(warning ? "Warning" : "Normal")
                    .withFirstTimestamp(now.toString()).withLastTimestamp(now.toString()).withCount(1)
                    .withNewSource().withComponent("driftwatch").endSource().build()).create();
        } catch (KubernetesClientException e) {
            LOG.warn("cannot record event {} on {}: {}", reason, target, e.getMessage());
        }
    }
}
