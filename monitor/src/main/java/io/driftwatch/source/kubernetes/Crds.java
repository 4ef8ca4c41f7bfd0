package io.driftwatch.source.kubernetes;

import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

/**
 * The custom resources Driftwatch reads (gate splits) and changes (actions), named explicitly (group, version, plural) so that no API discovery
 * is needed, and so that the Role can list them exactly.
 */
public final class Crds {
    public static final ResourceDefinitionContext VIRTUAL_SERVICE = of("networking.istio.io", "v1beta1",
            "VirtualService", "virtualservices");
    public static final ResourceDefinitionContext ROLLOUT = of("argoproj.io", "v1alpha1", "Rollout", "rollouts");
    public static final ResourceDefinitionContext WORKFLOW = of("argoproj.io", "v1alpha1", "Workflow", "workflows");
    public static final ResourceDefinitionContext PIPELINE_RUN = of("tekton.dev", "v1", "PipelineRun", "pipelineruns");

    private Crds() {
    }

    private static ResourceDefinitionContext of(String group, String version, String kind, String plural) {
        return new ResourceDefinitionContext.Builder().withGroup(group).withVersion(version).withKind(kind)
                .withPlural(plural).withNamespaced(true).build();
    }

    /** The context of a kind created by a retraining trigger. */
    public static ResourceDefinitionContext of(String kind) {
        return "Workflow".equals(kind) ? WORKFLOW : PIPELINE_RUN;
    }
}
