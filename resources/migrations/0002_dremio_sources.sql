-- Schema version 2: live Dremio connections and their collection state. No secret is stored here:
-- secret_ref names the keychain entry (secret_backend keychain) or the environment variable
-- (secret_backend environment) that holds the token or password.

CREATE TABLE dremio_connections (
    source_id BIGINT PRIMARY KEY REFERENCES sources(id) ON DELETE CASCADE,
    base_url TEXT NOT NULL,
    flavor TEXT NOT NULL,                 -- software, cloud
    project_id TEXT NOT NULL DEFAULT '',
    auth_mode TEXT NOT NULL,              -- pat, password
    user_name TEXT NOT NULL DEFAULT '',
    secret_backend TEXT NOT NULL DEFAULT 'keychain', -- keychain, environment
    secret_ref TEXT NOT NULL DEFAULT '',
    ca_file TEXT NOT NULL DEFAULT '',
    profiles_per_run INTEGER NOT NULL DEFAULT 20,
    timeout_ms INTEGER NOT NULL DEFAULT 30000,
    max_concurrent INTEGER NOT NULL DEFAULT 4,
    watermark_ms BIGINT,                  -- submitted time of the newest job committed so far
    last_collected_ms BIGINT,             -- end of the last collect run that committed anything
    updated_ms BIGINT NOT NULL
);

CREATE TABLE collect_runs (
    import_run_id BIGINT PRIMARY KEY REFERENCES import_runs(id) ON DELETE CASCADE,
    source_id BIGINT REFERENCES sources(id) ON DELETE CASCADE,
    watermark_before_ms BIGINT,
    watermark_after_ms BIGINT,
    history_pages INTEGER NOT NULL DEFAULT 0,
    history_rows INTEGER NOT NULL DEFAULT 0,
    profiles_tried INTEGER NOT NULL DEFAULT 0,
    profiles_failed INTEGER NOT NULL DEFAULT 0,
    reflections INTEGER NOT NULL DEFAULT 0,
    elapsed_ms BIGINT NOT NULL DEFAULT 0,
    server_wait_ms BIGINT NOT NULL DEFAULT 0,
    warnings TEXT NOT NULL DEFAULT ''     -- newline-separated
);

-- Profiles the server no longer has (or refused): not asked for again by later runs.
CREATE TABLE dremio_profile_attempts (
    job_ref BIGINT PRIMARY KEY REFERENCES jobs(id) ON DELETE CASCADE,
    attempted_ms BIGINT NOT NULL,
    outcome TEXT NOT NULL                 -- not-found, failed
);

ALTER TABLE reflections ADD COLUMN dataset_id TEXT NOT NULL DEFAULT '';
ALTER TABLE reflections ADD COLUMN refresh_status TEXT NOT NULL DEFAULT '';
ALTER TABLE reflections ADD COLUMN record_count BIGINT;
ALTER TABLE reflections ADD COLUMN collected_ms BIGINT;
