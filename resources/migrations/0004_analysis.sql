-- Schema version 4: results of the analysis engine. Both tables hold the latest run only: a re-run
-- replaces their contents in one transaction, so readers never see a half-written analysis.

CREATE TABLE findings (
    id @ID@,
    detector TEXT NOT NULL,          -- stable detector id (thread_skew, regression...)
    severity INTEGER NOT NULL,       -- 1 low, 2 medium, 3 high, 4 critical
    confidence DOUBLE PRECISION NOT NULL,
    title TEXT NOT NULL,
    evidence TEXT NOT NULL DEFAULT '[]',   -- JSON array of {name, value, unit}
    improvement_ms BIGINT NOT NULL DEFAULT 0,
    improvement_share DOUBLE PRECISION NOT NULL DEFAULT 0,
    fingerprint TEXT NOT NULL DEFAULT '',
    occurrences INTEGER NOT NULL DEFAULT 1,
    job_ids TEXT NOT NULL DEFAULT '',      -- newline-separated example job ids, worst first
    operator_key TEXT NOT NULL DEFAULT '',
    sql_text TEXT NOT NULL DEFAULT '',
    recommendation TEXT NOT NULL DEFAULT '',
    action TEXT NOT NULL DEFAULT ''
);
CREATE INDEX findings_detector ON findings (detector);
CREATE INDEX findings_fingerprint ON findings (fingerprint);

CREATE TABLE baselines (
    fingerprint TEXT PRIMARY KEY,
    sample_size INTEGER NOT NULL,
    run_count INTEGER NOT NULL,
    duration_p50 DOUBLE PRECISION NOT NULL,
    duration_p95 DOUBLE PRECISION NOT NULL,
    duration_p99 DOUBLE PRECISION NOT NULL,
    bytes_p50 DOUBLE PRECISION,
    bytes_p95 DOUBLE PRECISION,
    bytes_p99 DOUBLE PRECISION,
    first_seen_ms BIGINT NOT NULL,
    last_seen_ms BIGINT NOT NULL,
    regression_since_ms BIGINT,      -- NULL when no regression
    regression_baseline_runs INTEGER,
    regression_recent_runs INTEGER,
    regression_baseline_p50 DOUBLE PRECISION,
    regression_baseline_p95 DOUBLE PRECISION,
    regression_recent_p50 DOUBLE PRECISION,
    regression_recent_p95 DOUBLE PRECISION,
    regression_median_ratio DOUBLE PRECISION,
    regression_p95_ratio DOUBLE PRECISION,
    regression_p_value DOUBLE PRECISION,
    sql_text TEXT NOT NULL DEFAULT ''
);
