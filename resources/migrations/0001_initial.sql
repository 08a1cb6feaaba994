-- Schema version 1. Portable between SQLite and PostgreSQL: the Workspace replaces
-- @ID@ by the dialect's auto-increment key and @BLOB@ by its binary type.
-- Statements end with ';' (outside quotes and comments); '--' comments are dropped before execution.

CREATE TABLE sources (
    id @ID@,
    kind TEXT NOT NULL,              -- dremio-files, dremio-software, dremio-cloud, postgres, demo
    name TEXT NOT NULL,
    location TEXT NOT NULL DEFAULT '',
    is_demo INTEGER NOT NULL DEFAULT 0,
    created_ms BIGINT NOT NULL,
    UNIQUE (kind, name)
);

CREATE TABLE import_runs (
    id @ID@,
    source_id BIGINT REFERENCES sources(id) ON DELETE CASCADE,
    started_ms BIGINT NOT NULL,
    finished_ms BIGINT,
    status TEXT NOT NULL,            -- running, completed, failed, cancelled
    files_total INTEGER NOT NULL DEFAULT 0,
    files_failed INTEGER NOT NULL DEFAULT 0,
    jobs_added INTEGER NOT NULL DEFAULT 0,
    profiles_added INTEGER NOT NULL DEFAULT 0,
    message TEXT NOT NULL DEFAULT ''
);

CREATE TABLE import_files (
    id @ID@,
    import_run_id BIGINT NOT NULL REFERENCES import_runs(id) ON DELETE CASCADE,
    path TEXT NOT NULL,
    format TEXT NOT NULL,
    status TEXT NOT NULL,            -- imported, failed, skipped
    jobs INTEGER NOT NULL DEFAULT 0,
    error TEXT NOT NULL DEFAULT ''
);
CREATE INDEX import_files_run ON import_files (import_run_id);

CREATE TABLE jobs (
    id @ID@,
    source_id BIGINT REFERENCES sources(id) ON DELETE SET NULL,
    engine TEXT NOT NULL,
    job_id TEXT NOT NULL,
    attempt INTEGER NOT NULL DEFAULT 0,
    sql_text TEXT NOT NULL DEFAULT '',
    user_name TEXT NOT NULL DEFAULT '',
    queue TEXT NOT NULL DEFAULT '',
    state TEXT NOT NULL DEFAULT '',
    query_type TEXT NOT NULL DEFAULT '',
    engine_name TEXT NOT NULL DEFAULT '',
    submitted_ms BIGINT,
    started_ms BIGINT,
    ended_ms BIGINT,
    duration_ms BIGINT,
    rows_scanned BIGINT,
    bytes_scanned BIGINT,
    rows_returned BIGINT,
    bytes_returned BIGINT,
    planner_cost DOUBLE PRECISION,
    accelerated INTEGER NOT NULL DEFAULT 0,
    error TEXT NOT NULL DEFAULT '',
    datasets TEXT NOT NULL DEFAULT '',  -- newline-separated dataset paths
    phases TEXT NOT NULL DEFAULT '',    -- JSON array of {name,startMs,durationMs}
    has_profile INTEGER NOT NULL DEFAULT 0,
    import_run_id BIGINT REFERENCES import_runs(id) ON DELETE SET NULL,
    UNIQUE (engine, job_id, attempt)
);
CREATE INDEX jobs_submitted ON jobs (submitted_ms);
CREATE INDEX jobs_duration ON jobs (duration_ms);
CREATE INDEX jobs_user ON jobs (user_name);
CREATE INDEX jobs_state ON jobs (state);
CREATE INDEX jobs_job_id ON jobs (job_id);           -- lookups by job id without engine
CREATE INDEX jobs_source ON jobs (source_id);         -- ON DELETE SET NULL from sources
CREATE INDEX jobs_import_run ON jobs (import_run_id); -- ON DELETE SET NULL from import_runs

CREATE TABLE profiles (
    id @ID@,
    job_ref BIGINT NOT NULL UNIQUE REFERENCES jobs(id) ON DELETE CASCADE,
    format TEXT NOT NULL,            -- dremio-json, postgres-explain-json
    engine_version TEXT NOT NULL DEFAULT '',
    raw_compressed @BLOB@ NOT NULL,  -- qCompress'ed original bytes, kept for re-parsing
    raw_size BIGINT NOT NULL,
    operator_count INTEGER NOT NULL DEFAULT 0,
    operator_types INTEGER NOT NULL DEFAULT 0,
    max_threads INTEGER NOT NULL DEFAULT 0,
    total_process_ns BIGINT NOT NULL DEFAULT 0,
    peak_memory_bytes BIGINT NOT NULL DEFAULT 0,
    spilled_bytes BIGINT NOT NULL DEFAULT 0,
    skewed_operators INTEGER NOT NULL DEFAULT 0,
    warnings TEXT NOT NULL DEFAULT ''
);

CREATE TABLE operators (
    id @ID@,
    profile_id BIGINT NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
    node_key TEXT NOT NULL,
    parent_key TEXT NOT NULL DEFAULT '',
    type_name TEXT NOT NULL,
    detail TEXT NOT NULL DEFAULT '',
    input_records BIGINT,
    output_records BIGINT,
    process_ns BIGINT NOT NULL DEFAULT 0,
    wait_ns BIGINT NOT NULL DEFAULT 0,
    setup_ns BIGINT NOT NULL DEFAULT 0,
    peak_memory_bytes BIGINT NOT NULL DEFAULT 0,
    spilled_bytes BIGINT NOT NULL DEFAULT 0,
    thread_count INTEGER NOT NULL DEFAULT 0,
    estimated_rows DOUBLE PRECISION,
    skewed INTEGER NOT NULL DEFAULT 0,
    UNIQUE (profile_id, node_key)
);

CREATE TABLE datasets (
    id @ID@,
    source_id BIGINT REFERENCES sources(id) ON DELETE CASCADE,
    path TEXT NOT NULL,
    kind TEXT NOT NULL DEFAULT '',   -- PDS, VDS, table
    format TEXT NOT NULL DEFAULT '',
    definition TEXT NOT NULL DEFAULT '',
    UNIQUE (source_id, path)
);

CREATE TABLE job_datasets (
    job_ref BIGINT NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
    dataset_id BIGINT NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
    PRIMARY KEY (job_ref, dataset_id)
);

CREATE TABLE reflections (
    id @ID@,
    source_id BIGINT REFERENCES sources(id) ON DELETE CASCADE,
    reflection_id TEXT NOT NULL,
    name TEXT NOT NULL DEFAULT '',
    type TEXT NOT NULL DEFAULT '',   -- RAW, AGGREGATION
    dataset_path TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT '',
    considered_count BIGINT,
    matched_count BIGINT,
    chosen_count BIGINT,
    footprint_bytes BIGINT,
    last_refresh_duration_ms BIGINT,
    UNIQUE (source_id, reflection_id)
);

CREATE TABLE job_reflections (
    job_ref BIGINT NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
    reflection_id TEXT NOT NULL,
    relationship TEXT NOT NULL,      -- CONSIDERED, MATCHED, CHOSEN
    PRIMARY KEY (job_ref, reflection_id)
);
