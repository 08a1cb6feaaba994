-- Schema version 6: PostgreSQL as a source. pg_stat_statements is collected as snapshots and
-- stored as deltas between consecutive snapshots, so the workspace has a history over time.
-- Per-execution history from server logs goes into jobs (engine 'postgres').

CREATE TABLE pg_snapshots (
    id @ID@,
    source_id BIGINT NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    taken_ms BIGINT NOT NULL,
    stats_reset_ms BIGINT                      -- pg_stat_statements_info.stats_reset when known
);
CREATE INDEX pg_snapshots_source ON pg_snapshots (source_id, taken_ms);

CREATE TABLE pg_statement_deltas (
    snapshot_id BIGINT NOT NULL REFERENCES pg_snapshots(id) ON DELETE CASCADE,
    queryid TEXT NOT NULL,                     -- pg_stat_statements.queryid (64-bit, kept as text)
    userid TEXT NOT NULL DEFAULT '',
    dbid TEXT NOT NULL DEFAULT '',
    fingerprint TEXT NOT NULL DEFAULT '',      -- libpg_query fingerprint of the query text
    query TEXT NOT NULL DEFAULT '',
    calls BIGINT NOT NULL,
    total_ms DOUBLE PRECISION NOT NULL,
    mean_ms DOUBLE PRECISION NOT NULL,
    rows BIGINT NOT NULL,
    shared_blks_hit BIGINT NOT NULL DEFAULT 0,
    shared_blks_read BIGINT NOT NULL DEFAULT 0,
    temp_blks_read BIGINT NOT NULL DEFAULT 0,
    temp_blks_written BIGINT NOT NULL DEFAULT 0,
    cumulative_calls BIGINT NOT NULL,          -- counters as read, to compute the next delta
    cumulative_total_ms DOUBLE PRECISION NOT NULL,
    cumulative_rows BIGINT NOT NULL DEFAULT 0,
    cumulative_shared_blks_hit BIGINT NOT NULL DEFAULT 0,
    cumulative_shared_blks_read BIGINT NOT NULL DEFAULT 0,
    cumulative_temp_blks_read BIGINT NOT NULL DEFAULT 0,
    cumulative_temp_blks_written BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (snapshot_id, queryid, userid, dbid)
);
CREATE INDEX pg_statement_deltas_fingerprint ON pg_statement_deltas (fingerprint);

CREATE TABLE pg_tables (
    source_id BIGINT NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    schema_name TEXT NOT NULL,
    table_name TEXT NOT NULL,
    size_bytes BIGINT NOT NULL DEFAULT 0,
    row_estimate DOUBLE PRECISION NOT NULL DEFAULT 0,
    seq_scan BIGINT NOT NULL DEFAULT 0,
    seq_tup_read BIGINT NOT NULL DEFAULT 0,
    idx_scan BIGINT NOT NULL DEFAULT 0,
    n_tup_ins BIGINT NOT NULL DEFAULT 0,
    n_tup_upd BIGINT NOT NULL DEFAULT 0,
    n_tup_del BIGINT NOT NULL DEFAULT 0,
    partitioned INTEGER NOT NULL DEFAULT 0,
    partition_key TEXT NOT NULL DEFAULT '',
    collected_ms BIGINT NOT NULL,
    PRIMARY KEY (source_id, schema_name, table_name)
);

CREATE TABLE pg_indexes (
    source_id BIGINT NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    schema_name TEXT NOT NULL,
    table_name TEXT NOT NULL,
    index_name TEXT NOT NULL,
    definition TEXT NOT NULL,
    size_bytes BIGINT NOT NULL DEFAULT 0,
    idx_scan BIGINT NOT NULL DEFAULT 0,
    is_unique INTEGER NOT NULL DEFAULT 0,
    is_primary INTEGER NOT NULL DEFAULT 0,
    is_valid INTEGER NOT NULL DEFAULT 1,          -- 0: a failed CREATE INDEX CONCURRENTLY left it behind
    collected_ms BIGINT NOT NULL,
    PRIMARY KEY (source_id, schema_name, index_name)
);

CREATE TABLE pg_settings (
    source_id BIGINT NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    setting TEXT NOT NULL,
    unit TEXT NOT NULL DEFAULT '',
    collected_ms BIGINT NOT NULL,
    PRIMARY KEY (source_id, name)
);

-- What a server log says about a postgres job beyond the jobs columns: the database, libpg_query's
-- fingerprint and normalized text, the bind parameters as logged, the log file and line.
CREATE TABLE pg_job_details (
    job_ref BIGINT PRIMARY KEY REFERENCES jobs(id) ON DELETE CASCADE,
    database_name TEXT NOT NULL DEFAULT '',
    fingerprint TEXT NOT NULL DEFAULT '',
    normalized TEXT NOT NULL DEFAULT '',
    parameters TEXT NOT NULL DEFAULT '',       -- "$1 = '42', $2 = 'x'" as the server logged them
    log_file TEXT NOT NULL DEFAULT '',
    log_line INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX pg_job_details_fingerprint ON pg_job_details (fingerprint);

-- What a measurement changed on the server, so it can be reverted later without its recommendation
-- (which a re-analysis may rewrite): the exact statements applied and those that undo them.
CREATE TABLE measurement_actions (
    measurement_id BIGINT PRIMARY KEY REFERENCES measurements(id) ON DELETE CASCADE,
    action TEXT NOT NULL,                      -- create_index, drop_index, parameter_change, sql_rewrite
    apply_statements TEXT NOT NULL DEFAULT '[]',
    undo_statements TEXT NOT NULL DEFAULT '[]',
    sql_before TEXT NOT NULL DEFAULT '',
    sql_after TEXT NOT NULL DEFAULT '',
    settings TEXT NOT NULL DEFAULT '[]'        -- "name = value" set for the after runs
);
