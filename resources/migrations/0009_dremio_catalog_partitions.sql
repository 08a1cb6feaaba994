-- Schema version 9: what a collect run learns about the tables and views its history reads.
-- Iceberg partition statistics from TABLE(table_partitions('<table>')) (aggregated on the server)
-- and each dataset's catalog entry (GET .../catalog/by-path/...) in the datasets table.

CREATE TABLE iceberg_partition_stats (
    source_id BIGINT NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    dataset_path TEXT NOT NULL,
    partition_columns TEXT NOT NULL DEFAULT '',   -- comma-separated; '' = not partitioned
    partition_count BIGINT NOT NULL,
    record_count BIGINT NOT NULL,
    file_count BIGINT NOT NULL,
    largest_partition TEXT NOT NULL DEFAULT '',   -- its partition value as Dremio prints it
    largest_partition_records BIGINT NOT NULL,
    largest_partition_files BIGINT NOT NULL,
    smallest_partition_records BIGINT NOT NULL,
    max_partition_files BIGINT NOT NULL,
    collected_ms BIGINT NOT NULL,
    PRIMARY KEY (source_id, dataset_path)
);

ALTER TABLE datasets ADD COLUMN catalog_id TEXT NOT NULL DEFAULT '';
ALTER TABLE datasets ADD COLUMN field_count INTEGER;              -- NULL = unknown
ALTER TABLE datasets ADD COLUMN fields TEXT NOT NULL DEFAULT '';  -- JSON [{"name","type"}]
ALTER TABLE datasets ADD COLUMN created_ms BIGINT;
ALTER TABLE datasets ADD COLUMN tag TEXT NOT NULL DEFAULT '';
ALTER TABLE datasets ADD COLUMN catalog_status TEXT NOT NULL DEFAULT ''; -- found, gone (404)
ALTER TABLE datasets ADD COLUMN catalog_fetched_ms BIGINT;
