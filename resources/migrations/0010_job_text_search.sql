-- Schema version 10: an index for the query browser's text filter (a case-insensitive substring of
-- the SQL text, job id or user). Without it every filter was a full scan of a million SQL texts.
--
-- SQLite: an FTS5 trigram index over the jobs (external content: the text stays in jobs only),
-- filled here for existing workspaces and kept in step by triggers. JobRepository uses it for
-- filters of three characters or more (a trigram needs three); shorter ones still scan with LIKE.
--
-- PostgreSQL: a pg_trgm GIN index that serves the ILIKE the browser already runs. Creating the
-- extension may be refused (not installed, no privilege): the block is then skipped and ILIKE
-- scans as before.

-- @sqlite
CREATE VIRTUAL TABLE jobs_fts USING fts5(
    sql_text, job_id, user_name, content = 'jobs', content_rowid = 'id', tokenize = 'trigram');
INSERT INTO jobs_fts (jobs_fts) VALUES ('rebuild');
CREATE TRIGGER jobs_fts_insert AFTER INSERT ON jobs BEGIN
    INSERT INTO jobs_fts (rowid, sql_text, job_id, user_name) VALUES (new.id, new.sql_text, new.job_id, new.user_name);
END;
CREATE TRIGGER jobs_fts_delete AFTER DELETE ON jobs BEGIN
    INSERT INTO jobs_fts (jobs_fts, rowid, sql_text, job_id, user_name)
        VALUES ('delete', old.id, old.sql_text, old.job_id, old.user_name);
END;
-- The import's merge rewrites these columns with their own values: only a real change re-indexes.
CREATE TRIGGER jobs_fts_update AFTER UPDATE OF sql_text, job_id, user_name ON jobs
WHEN old.sql_text IS NOT new.sql_text OR old.job_id IS NOT new.job_id OR old.user_name IS NOT new.user_name BEGIN
    INSERT INTO jobs_fts (jobs_fts, rowid, sql_text, job_id, user_name)
        VALUES ('delete', old.id, old.sql_text, old.job_id, old.user_name);
    INSERT INTO jobs_fts (rowid, sql_text, job_id, user_name) VALUES (new.id, new.sql_text, new.job_id, new.user_name);
END;

-- @postgres optional
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX jobs_text_trgm ON jobs USING gin (sql_text gin_trgm_ops, job_id gin_trgm_ops, user_name gin_trgm_ops);
