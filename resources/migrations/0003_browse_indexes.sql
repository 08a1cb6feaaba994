-- Schema version 3: the query browser filters by state or user and sorts by submission time; with
-- a million jobs a single-column index made it sort every matching row. The composite indexes
-- serve the filter and the order together (and still serve lookups by state or user alone).

CREATE INDEX jobs_state_submitted ON jobs (state, submitted_ms);
CREATE INDEX jobs_user_submitted ON jobs (user_name, submitted_ms);
DROP INDEX jobs_state;
DROP INDEX jobs_user;
