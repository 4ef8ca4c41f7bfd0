-- What the console charts (issue #14): per evaluation, each feature's distributions in a bounded size
-- (shares on the frozen PSI bins, ECDFs at 41 quantiles, the KS D's location; top 20 categories). Kept
-- for the newest evaluations of each model only (see EvaluationStore.DETAILS_KEPT).
CREATE TABLE evaluation_detail (
    evaluation_id BIGINT        PRIMARY KEY,
    model         VARCHAR(200)  NOT NULL,
    detail        TEXT          NOT NULL
);
CREATE INDEX evaluation_detail_model ON evaluation_detail (model, evaluation_id);
