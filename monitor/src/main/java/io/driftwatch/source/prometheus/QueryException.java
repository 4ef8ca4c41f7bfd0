package io.driftwatch.source.prometheus;

/** Prometheus rejected a query (bad PromQL or an execution error): the rule is at fault, not the source. */
public final class QueryException extends Exception {
    private static final long serialVersionUID = 1L;

    public QueryException(String message) {
        super(message);
    }
}
