-- Schema version 11: PostgreSQL partitioning from the catalog (pg_inherits / pg_partitioned_table),
-- so partition_pruning compares the partitions a plan scanned with the table's real total.

ALTER TABLE pg_tables ADD COLUMN parent_table TEXT NOT NULL DEFAULT '';   -- schema.table of a partition's parent
ALTER TABLE pg_tables ADD COLUMN partition_count INTEGER NOT NULL DEFAULT 0; -- a partitioned table's direct partitions
