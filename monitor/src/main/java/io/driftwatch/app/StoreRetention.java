package io.driftwatch.app;

import io.driftwatch.config.StoreConfig;
import io.driftwatch.metrics.Metrics;
import io.driftwatch.store.Database;
import io.driftwatch.store.Retention;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code store.retention}: what each stage's tables may lose and when. Runs as one clustered job, so
 * one replica prunes per round; deleted rows are counted in {@code driftwatch_store_pruned_rows_total}.
 */
final class StoreRetention {
    private static final Logger LOG = LoggerFactory.getLogger(StoreRetention.class);
    static final String JOB = "store-retention";

    private final Retention retention;
    private final Metrics metrics;
    private final Clock clock;

    StoreRetention(Database db, StoreConfig.Retention keep, Metrics metrics, Clock clock) {
        this.retention = new Retention(db, List.of(
                new Retention.Rule("evaluation", "evaluation", "finished_at", "", keep.evaluations()),
                new Retention.Rule("alert", "alert", "created_at", "", keep.alertEvents()),
                new Retention.Rule("notification", "notification", "sent_at", "", keep.alertEvents()),
                new Retention.Rule("outbox_message", "outbox_message", "sent_at", "state = 'SENT'",
                        keep.deliveredOutbox()),
                new Retention.Rule("outbox_item", "outbox_item", "created_at", "message_id IS NOT NULL "
                        + "AND message_id NOT IN (SELECT id FROM outbox_message WHERE state = 'PENDING')",
                        keep.deliveredOutbox()),
                new Retention.Rule("dead_letter", "dead_letter", "created_at", "", keep.deadLetters()),
                new Retention.Rule("outbox_message_dead", "outbox_message", "created_at", "state = 'DEAD'",
                        keep.deadLetters()),
                new Retention.Rule("action_decision", "action_decision", "created_at", "", keep.actionDecisions()),
                new Retention.Rule("gate_call", "gate_call", "created_at", "", keep.actionDecisions()),
                new Retention.Rule("ingest_event", "ingest_event", "at", "", keep.ingested())));
        this.metrics = metrics;
        this.clock = clock;
        for (String table : List.of("evaluation", "alert", "notification", "outbox_message", "outbox_item",
                "dead_letter", "outbox_message_dead", "action_decision", "gate_call", "ingest_event")) {
            metrics.storePruned.labelValues(table);
        }
    }

    void run() {
        try {
            Map<String, Long> deleted = retention.prune(clock.instant());
            deleted.forEach((table, n) -> metrics.storePruned.labelValues(table).inc(n));
            long total = deleted.values().stream().mapToLong(Long::longValue).sum();
            if (total > 0) {
                LOG.atInfo().addKeyValue("deleted", total).log("retention pruned {} row(s): {}", total, deleted);
            }
        } catch (SQLException e) {
            LOG.atWarn().log("retention round failed ({}); it runs again next round", e.getMessage());
        }
    }
}
