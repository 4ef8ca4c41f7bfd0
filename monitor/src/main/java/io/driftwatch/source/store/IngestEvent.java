package io.driftwatch.source.store;

import java.time.Instant;

/**
 * One CloudEvent of a model server's payload logger: the InferenceService and namespace it came from, its id
 * (shared by a request and its response), whether it is the request or the response, its time, and the body.
 */
public record IngestEvent(String service, String namespace, String id, Kind kind, Instant at, String body) {
    /** A request ({@code org.kubeflow.serving.inference.request}) or a response. */
    public enum Kind {
        REQUEST("q"), RESPONSE("r");

        final String code;

        Kind(String code) {
            this.code = code;
        }
    }
}
