-- Schema version 12: incremental analysis. A re-analysis after an import or collect reads only the
-- jobs added since the last one (a watermark per workspace) and recomputes only the query shapes
-- (fingerprints) those jobs belong to; the findings and baselines of the other shapes stay.

-- The fingerprint of every analysed job ('' when it has no statement), so that no job is
-- fingerprinted twice and the runs of one shape are found through an index.
CREATE TABLE job_fingerprints (
    job_ref BIGINT PRIMARY KEY REFERENCES jobs(id) ON DELETE CASCADE,
    fingerprint TEXT NOT NULL
);
CREATE INDEX job_fingerprints_fingerprint ON job_fingerprints (fingerprint);

-- One row (id 1) written with the results of each analysis.
CREATE TABLE analysis_state (
    id INTEGER PRIMARY KEY,
    last_job_ref BIGINT NOT NULL,          -- highest jobs.id analysed
    last_profile_ref BIGINT NOT NULL,      -- highest profiles.id analysed
    jobs_up_to_watermark BIGINT NOT NULL,  -- jobs with id <= last_job_ref then: fewer later means deletions
    settings TEXT NOT NULL,                -- the options and catalog facts the findings depend on
    analysed_ms BIGINT NOT NULL
);

-- Analysed jobs whose stored figures changed afterwards (an import filling in a missing duration or
-- statement): the next analysis re-reads them and their shapes. Kept by the triggers below.
CREATE TABLE analysis_changed_jobs (
    job_ref BIGINT PRIMARY KEY REFERENCES jobs(id) ON DELETE CASCADE
);

-- 'job' for findings about jobs (merged per fingerprint), 'workspace' for findings about the
-- workspace as a whole (unused reflections, tables with small files), recomputed by every analysis.
ALTER TABLE findings ADD COLUMN scope TEXT NOT NULL DEFAULT 'job';

-- @sqlite
CREATE TRIGGER jobs_analysis_changed AFTER UPDATE ON jobs
WHEN new.id <= (SELECT last_job_ref FROM analysis_state WHERE id = 1)
    AND (old.sql_text IS NOT new.sql_text OR old.state IS NOT new.state OR old.engine IS NOT new.engine
        OR old.user_name IS NOT new.user_name OR old.submitted_ms IS NOT new.submitted_ms
        OR old.started_ms IS NOT new.started_ms OR old.ended_ms IS NOT new.ended_ms
        OR old.duration_ms IS NOT new.duration_ms OR old.rows_scanned IS NOT new.rows_scanned
        OR old.bytes_scanned IS NOT new.bytes_scanned OR old.rows_returned IS NOT new.rows_returned
        OR old.bytes_returned IS NOT new.bytes_returned OR old.planner_cost IS NOT new.planner_cost
        OR old.accelerated IS NOT new.accelerated OR old.datasets IS NOT new.datasets
        OR old.queue IS NOT new.queue OR old.query_type IS NOT new.query_type OR old.error IS NOT new.error
        OR old.phases IS NOT new.phases OR old.has_profile IS NOT new.has_profile) BEGIN
    INSERT OR IGNORE INTO analysis_changed_jobs (job_ref) VALUES (new.id);
END;

-- @postgres
CREATE FUNCTION dopt_jobs_analysis_changed() RETURNS trigger LANGUAGE plpgsql AS '
BEGIN
    IF NEW.id <= (SELECT last_job_ref FROM analysis_state WHERE id = 1) THEN
        INSERT INTO analysis_changed_jobs (job_ref) VALUES (NEW.id) ON CONFLICT DO NOTHING;
    END IF;
    RETURN NEW;
END';
CREATE TRIGGER jobs_analysis_changed AFTER UPDATE ON jobs FOR EACH ROW
    WHEN ((OLD.sql_text, OLD.state, OLD.engine, OLD.user_name, OLD.submitted_ms, OLD.started_ms, OLD.ended_ms,
        OLD.duration_ms, OLD.rows_scanned, OLD.bytes_scanned, OLD.rows_returned, OLD.bytes_returned,
        OLD.planner_cost, OLD.accelerated, OLD.datasets, OLD.queue, OLD.query_type, OLD.error, OLD.phases,
        OLD.has_profile) IS DISTINCT FROM (NEW.sql_text, NEW.state, NEW.engine, NEW.user_name, NEW.submitted_ms,
        NEW.started_ms, NEW.ended_ms, NEW.duration_ms, NEW.rows_scanned, NEW.bytes_scanned, NEW.rows_returned,
        NEW.bytes_returned, NEW.planner_cost, NEW.accelerated, NEW.datasets, NEW.queue, NEW.query_type, NEW.error,
        NEW.phases, NEW.has_profile))
    EXECUTE FUNCTION dopt_jobs_analysis_changed();
