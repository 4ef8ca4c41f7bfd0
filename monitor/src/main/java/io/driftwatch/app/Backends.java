package io.driftwatch.app;

import io.driftwatch.action.ActionExecutor;
import io.driftwatch.action.Decision;
import io.driftwatch.alert.silence.Silence;
import io.driftwatch.http.ActionBackend;
import io.driftwatch.http.AlertBackend;
import io.driftwatch.action.DecisionLog;
import io.driftwatch.alert.AlertStore;
import io.driftwatch.store.Database;
import io.driftwatch.alert.outbox.OutboxStore;
import io.driftwatch.alert.silence.SilenceStore;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What the HTTP API reads and changes beyond models and evaluations: alerts, silences, dead letters, actions. */
final class Backends {
    private static final Logger LOG = LoggerFactory.getLogger(Backends.class);

    private Backends() {
    }

    /** The action endpoints' backend, or null when no model has actions. */
    static ActionBackend actions(Database db, ActionExecutor executor) {
        if (executor == null) {
            return null;
        }
        DecisionLog store = new DecisionLog(db);
        return new ActionBackend() {
            @Override
            public List<Decision> decisions(String model, int limit) throws SQLException {
                return store.list(model, limit);
            }

            @Override
            public Optional<Decision> decision(long id) throws SQLException {
                return store.find(id);
            }

            @Override
            public Decision approve(long id, String approver) throws SQLException, ActionExecutor.ActionNotApprovable {
                return executor.approve(id, approver);
            }
        };
    }

    /** The alert, silence and dead-letter endpoints' backend. */
    static AlertBackend alerts(Database db, Clock clock) {
        AlertStore alerts = new AlertStore(db);
        SilenceStore silences = new SilenceStore(db);
        OutboxStore outbox = new OutboxStore(db);
        return new AlertBackend() {
            @Override
            public List<AlertStore.Row> alerts(String status, boolean current, String model, String alertname,
                                               int limit) throws SQLException {
                return alerts.list(status, current, model, alertname, limit);
            }

            @Override
            public List<Silence> silences() throws SQLException {
                return silences.all();
            }

            @Override
            public void addSilence(Silence s) throws SQLException {
                silences.insert(s);
                LOG.atInfo().addKeyValue("silence", s.id()).addKeyValue("created_by", s.createdBy())
                        .log("silence {} created by {} until {}: {} ({})", s.id(), s.createdBy(), s.endsAt(),
                                s.matchers(), s.comment());
            }

            @Override
            public boolean expireSilence(String id) throws SQLException {
                boolean done = silences.expire(id, clock.instant());
                if (done) {
                    LOG.info("silence {} expired through the API", id);
                }
                return done;
            }

            @Override
            public List<OutboxStore.DeadLetter> deadLetters(String receiver, int limit) throws SQLException {
                return outbox.deadLetters(receiver, limit);
            }
        };
    }
}
