-- Schema version 7: run-time models, their predictions, workload patterns and parameter advice.

CREATE TABLE models (
    id @ID@,
    family TEXT NOT NULL,                      -- ridge, kernel_ridge_rbf, random_forest
    target TEXT NOT NULL DEFAULT 'log_duration_ms',
    features TEXT NOT NULL,                    -- JSON array of feature names, in vector order
    hyperparameters TEXT NOT NULL DEFAULT '{}',
    metrics TEXT NOT NULL DEFAULT '{}',        -- JSON: r2, mae_ms, median_q_error, within_20pct, coverage_80...
    importance TEXT NOT NULL DEFAULT '[]',     -- JSON array of {feature, importance}
    window_from_ms BIGINT,
    window_to_ms BIGINT,
    job_count INTEGER NOT NULL,
    app_version TEXT NOT NULL,
    format_version INTEGER NOT NULL,
    payload @BLOB@ NOT NULL,                   -- dlib serialization of the model and its scaler
    active INTEGER NOT NULL DEFAULT 0,
    trained_ms BIGINT NOT NULL
);

CREATE TABLE predictions (
    job_row_id BIGINT NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
    model_id BIGINT NOT NULL REFERENCES models(id) ON DELETE CASCADE,
    predicted_ms DOUBLE PRECISION NOT NULL,
    low_ms DOUBLE PRECISION NOT NULL,
    high_ms DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (job_row_id, model_id)
);

CREATE TABLE workload_patterns (
    id @ID@,
    type TEXT NOT NULL,                        -- hourly_peak, daily_cycle, weekly_pattern, batch_job
    confidence DOUBLE PRECISION NOT NULL,
    fingerprint TEXT NOT NULL DEFAULT '',      -- per-shape patterns (batch_job)
    sql_text TEXT NOT NULL DEFAULT '',
    detail TEXT NOT NULL DEFAULT '{}',         -- JSON: peak hours, lags, autocorrelations...
    computed_ms BIGINT NOT NULL
);

CREATE TABLE parameter_advice (
    id @ID@,
    fingerprint TEXT NOT NULL,
    parameter TEXT NOT NULL,                   -- limit, batch_size, work_mem, queue, engine
    recommended_value TEXT NOT NULL,
    confidence DOUBLE PRECISION NOT NULL,
    detail TEXT NOT NULL DEFAULT '{}',         -- JSON: values seen with their median run times
    computed_ms BIGINT NOT NULL
);
