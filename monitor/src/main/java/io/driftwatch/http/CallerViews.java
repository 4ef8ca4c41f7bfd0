package io.driftwatch.http;

import io.driftwatch.action.ActionExecutor;
import io.driftwatch.action.Decision;
import io.driftwatch.alert.AlertStore;
import io.driftwatch.alert.outbox.OutboxStore;
import io.driftwatch.alert.silence.Silence;
import io.driftwatch.config.ModelConfig;
import io.driftwatch.evaluation.EvaluationRow;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one caller may see of the backends under {@code http.auth: kubernetes}: the models of the namespaces they
 * may read, the alerts and actions of those models; the cluster's members and the dead letters to administrators.
 * A model they may not read is as unknown to them as one that does not exist.
 */
final class CallerViews {
    private CallerViews() {
    }

    static ApiBackend api(ApiBackend all, Caller caller) {
        return new ApiBackend() {
            @Override
            public List<ModelConfig> models() {
                return all.models().stream().filter(m -> caller.canRead(m.name())).toList();
            }

            @Override
            public List<EvaluationRow> evaluations(String model, int limit) throws SQLException {
                return caller.canRead(model) ? all.evaluations(model, limit) : List.of();
            }

            @Override
            public Optional<String> distributions(String model, long evaluationId) throws SQLException {
                return caller.canRead(model) ? all.distributions(model, evaluationId) : Optional.empty();
            }

            @Override
            public Map<String, Object> gate(String model, String baseline, String candidate, String window,
                                            String asker) throws GateRefused {
                if (!caller.canRead(model)) {
                    throw new GateRefused(404, "unknown model '" + model + "'");
                }
                return all.gate(model, baseline, candidate, window, asker);
            }

            @Override
            public Map<String, Object> cluster() throws SQLException {
                return caller.admin() ? all.cluster() : Map.of();
            }

            @Override
            public ReloadOutcome reload() {
                return all.reload();
            }

            @Override
            public boolean configLoaded() {
                return all.configLoaded();
            }

            @Override
            public boolean schedulerRunning() {
                return all.schedulerRunning();
            }

            @Override
            public Instant startedAt() {
                return all.startedAt();
            }

            @Override
            public Instant firstDue(String model) {
                return all.firstDue(model);
            }

            @Override
            public Instant now() {
                return all.now();
            }

            @Override
            public java.time.Duration storeFailingFor() {
                return all.storeFailingFor();
            }

            @Override
            public Map<String, io.driftwatch.source.SourceStatus> sources() {
                return all.sources();
            }
        };
    }

    static AlertBackend alerts(AlertBackend all, Caller caller) {
        return new AlertBackend() {
            @Override
            public List<AlertStore.Row> alerts(String status, boolean current, String model, String alertname, int limit)
                    throws SQLException {
                if (model != null && !caller.canRead(model)) {
                    return List.of();
                }
                boolean admin = caller.admin();
                return all.alerts(status, current, model, alertname, limit).stream().filter(r -> {
                    String m = r.alert().labels().get("model");
                    return m == null ? admin : caller.canRead(m);
                }).toList();
            }

            @Override
            public List<Silence> silences() throws SQLException {
                return all.silences();
            }

            @Override
            public void addSilence(Silence s) throws SQLException {
                all.addSilence(s);
            }

            @Override
            public boolean expireSilence(String id) throws SQLException {
                return all.expireSilence(id);
            }

            @Override
            public List<OutboxStore.DeadLetter> deadLetters(String receiver, int limit) throws SQLException {
                return caller.admin() ? all.deadLetters(receiver, limit) : List.of();
            }
        };
    }

    static ActionBackend actions(ActionBackend all, Caller caller) {
        return new ActionBackend() {
            @Override
            public List<Decision> decisions(String model, int limit) throws SQLException {
                return all.decisions(model, limit).stream().filter(d -> caller.canRead(d.model())).toList();
            }

            @Override
            public Optional<Decision> decision(long id) throws SQLException {
                return all.decision(id).filter(d -> caller.canRead(d.model()));
            }

            /** Approved by the authenticated user (whatever name the body gives), where they may update. */
            @Override
            public Decision approve(long id, String approver) throws SQLException, ActionExecutor.ActionNotApprovable {
                Optional<Decision> d = decision(id);
                if (d.isEmpty()) {
                    throw new Caller.Refused(404, "no action " + id);
                }
                if (!caller.canUpdate(d.get().model())) {
                    throw new Caller.Refused(403, caller.name() + " may not update modelmonitors in the namespace of '"
                            + d.get().model() + "'");
                }
                return all.approve(id, caller.name());
            }
        };
    }
}
