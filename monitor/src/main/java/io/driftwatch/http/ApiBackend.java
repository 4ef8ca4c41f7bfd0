package io.driftwatch.http;

import io.driftwatch.config.ModelConfig;
import io.driftwatch.evaluation.EvaluationRow;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/** What the HTTP API reads from the running daemon. */
public interface ApiBackend {

    List<ModelConfig> models();

    List<EvaluationRow> evaluations(String model, int limit) throws SQLException;

    boolean configLoaded();

    boolean schedulerRunning();

    /** When the daemon started evaluating; readiness allows each model until its first run is due. */
    Instant startedAt();

    /** When the model's first evaluation is due (its evaluations are spread over the interval). */
    default Instant firstDue(String model) {
        return startedAt();
    }

    Instant now();

    /** How long the store has failed every transaction (zero while it works): past a limit, liveness fails. */
    default java.time.Duration storeFailingFor() {
        return java.time.Duration.ZERO;
    }

    /** Each source's last known state: a source that failed its last read makes the daemon unready. */
    java.util.Map<String, io.driftwatch.source.SourceStatus> sources();

    /** What this replica sees of the cluster (members, who ran each model last), for /api/v1/cluster. */
    default java.util.Map<String, Object> cluster() throws SQLException {
        return java.util.Map.of();
    }

    /** The distributions (JSON) of the model's evaluation {@code evaluationId}, while they are kept. */
    /** Re-reads the configuration files ({@code POST /-/reload}); what happened, or why nothing did. */
    default ReloadOutcome reload() {
        return new ReloadOutcome(false, "reload is not available here", java.util.Map.of());
    }

    /** A reload's outcome: whether it was applied, its message, and the models added, removed and changed. */
    record ReloadOutcome(boolean applied, String message, java.util.Map<String, List<String>> models) {
    }

    default java.util.Optional<String> distributions(String model, long evaluationId) throws SQLException {
        return java.util.Optional.empty();
    }

    /**
     * Judges {@code candidate} against {@code baseline} over {@code window} (null: the gate's default) now;
     * the answer as JSON ({@code verdict}, {@code reasons}, {@code checks}, ...), audited with {@code caller}.
     */
    default java.util.Map<String, Object> gate(String model, String baseline, String candidate, String window,
                                               String caller) throws GateRefused {
        throw new GateRefused(404, "no gate here");
    }
}
