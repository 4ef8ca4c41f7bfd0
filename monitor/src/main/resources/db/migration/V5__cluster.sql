-- Several replicas on one PostgreSQL (issue #13). A lease is held by one replica at a time until it
-- expires (the outbox of each receiver, the retention pruner); a model cursor is the version of a
-- model's rule states, advanced by each committed evaluation, so that two replicas overlapping in a
-- failover cannot both step them; it also records which replica ran the model last.
CREATE TABLE lease (
    name         VARCHAR(200) PRIMARY KEY,
    holder       VARCHAR(200) NOT NULL,
    expires_at   BIGINT       NOT NULL
);

CREATE TABLE model_cursor (
    model        VARCHAR(200) PRIMARY KEY,
    version      BIGINT       NOT NULL,
    window_to    BIGINT       NOT NULL,
    replica      VARCHAR(200) NOT NULL,
    updated_at   BIGINT       NOT NULL
);

CREATE INDEX evaluation_finished ON evaluation (finished_at);
CREATE INDEX outbox_message_sent ON outbox_message (state, sent_at);
CREATE INDEX alert_ended ON alert (created_at, ends_at);
CREATE INDEX dead_letter_created ON dead_letter (created_at);
CREATE INDEX action_decision_created ON action_decision (created_at);
