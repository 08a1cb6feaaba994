-- Schema version 5: ranked recommendations and their before/after measurements.
-- A recommendation is keyed by rec_key (detector, fingerprint and action target) so a re-analysis
-- updates it in place and keeps its status and measurements.

CREATE TABLE recommendations (
    id @ID@,
    rec_key TEXT NOT NULL UNIQUE,
    detector TEXT NOT NULL,
    action TEXT NOT NULL,                 -- sql_rewrite, create_reflection, drop_reflection, optimize_table,
                                          -- partition_filter, parameter_change, create_index, drop_index
    engine TEXT NOT NULL DEFAULT 'dremio',
    severity INTEGER NOT NULL,            -- 1 low .. 4 critical
    confidence DOUBLE PRECISION NOT NULL, -- 0..1, adjusted by the track record of measured results
    score DOUBLE PRECISION NOT NULL,      -- return used for ranking (confidence x improvement x urgency)
    rank INTEGER NOT NULL DEFAULT 0,
    title TEXT NOT NULL,
    rationale TEXT NOT NULL DEFAULT '',
    fingerprint TEXT NOT NULL DEFAULT '',
    dataset TEXT NOT NULL DEFAULT '',
    frequency INTEGER NOT NULL DEFAULT 0,         -- runs of the fingerprint in the window
    current_cost_ms BIGINT NOT NULL DEFAULT 0,    -- total time of those runs
    improvement_ms BIGINT NOT NULL DEFAULT 0,     -- estimated saving over the window
    improvement_share DOUBLE PRECISION NOT NULL DEFAULT 0,
    job_ids TEXT NOT NULL DEFAULT '',             -- newline-separated example job ids
    evidence TEXT NOT NULL DEFAULT '[]',          -- JSON array of {name, value, unit}
    sql_before TEXT NOT NULL DEFAULT '',
    sql_after TEXT NOT NULL DEFAULT '',
    apply_statements TEXT NOT NULL DEFAULT '[]',  -- JSON array of statements (or REST calls) to apply
    undo_statements TEXT NOT NULL DEFAULT '[]',
    measure_sql TEXT NOT NULL DEFAULT '',         -- the read-only query measured before and after
    definition TEXT NOT NULL DEFAULT '{}',        -- JSON: reflection definition, parameter values...
    status TEXT NOT NULL DEFAULT 'open',          -- open, applied, kept, reverted, dismissed
    created_ms BIGINT NOT NULL,
    updated_ms BIGINT NOT NULL
);
CREATE INDEX recommendations_rank ON recommendations (rank);
CREATE INDEX recommendations_fingerprint ON recommendations (fingerprint);

CREATE TABLE measurements (
    id @ID@,
    recommendation_id BIGINT REFERENCES recommendations(id) ON DELETE SET NULL,
    engine TEXT NOT NULL,
    target TEXT NOT NULL DEFAULT '',              -- connection description, never a secret
    state TEXT NOT NULL,                          -- running, done, failed, cancelled
    verdict TEXT NOT NULL DEFAULT '',             -- improved, no_change, regressed, invalid
    runs INTEGER NOT NULL DEFAULT 0,              -- measured runs per variant
    warmup_runs INTEGER NOT NULL DEFAULT 0,
    median_before_ms DOUBLE PRECISION,
    median_after_ms DOUBLE PRECISION,
    speedup DOUBLE PRECISION,                     -- median before / median after
    speedup_ci_low DOUBLE PRECISION,              -- 95% bootstrap interval of the ratio
    speedup_ci_high DOUBLE PRECISION,
    p_value DOUBLE PRECISION,                     -- Mann-Whitney U, two-sided
    predicted_improvement_share DOUBLE PRECISION,
    measured_improvement_share DOUBLE PRECISION,
    rows_before BIGINT,
    rows_after BIGINT,
    checksum_before TEXT NOT NULL DEFAULT '',
    checksum_after TEXT NOT NULL DEFAULT '',
    plan_before TEXT NOT NULL DEFAULT '',         -- plan trees as JSON
    plan_after TEXT NOT NULL DEFAULT '',
    applied INTEGER NOT NULL DEFAULT 0,           -- the change is in place on the server
    reverted_ms BIGINT,
    error TEXT NOT NULL DEFAULT '',
    started_ms BIGINT NOT NULL,
    ended_ms BIGINT
);
CREATE INDEX measurements_recommendation ON measurements (recommendation_id);

CREATE TABLE measurement_runs (
    measurement_id BIGINT NOT NULL REFERENCES measurements(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    variant TEXT NOT NULL,                        -- before, after
    warmup INTEGER NOT NULL DEFAULT 0,
    duration_ms DOUBLE PRECISION NOT NULL,
    row_count BIGINT,
    PRIMARY KEY (measurement_id, seq)
);
