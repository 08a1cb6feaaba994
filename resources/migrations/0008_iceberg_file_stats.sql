-- Schema version 8: Iceberg file statistics of the tables a Dremio source's history scans most,
-- from TABLE(table_files('<table>')), refreshed by each collect run (small-file evidence).

CREATE TABLE iceberg_file_stats (
    source_id BIGINT NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    dataset_path TEXT NOT NULL,
    file_count BIGINT NOT NULL,
    total_bytes BIGINT NOT NULL,
    record_count BIGINT NOT NULL,
    small_files BIGINT NOT NULL,          -- files under small_threshold_bytes
    small_threshold_bytes BIGINT NOT NULL,
    min_file_bytes BIGINT,
    max_file_bytes BIGINT,
    collected_ms BIGINT NOT NULL,
    PRIMARY KEY (source_id, dataset_path)
);
