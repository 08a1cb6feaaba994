#pragma once

#include "detectorinput.h"

#include <QSqlDatabase>

namespace dopt {

/// Reads what workspace-level detectors need: the collected reflections (migration 0001's
/// reflections table) and how many jobs considered, matched and chose each (job_reflections).
class WorkspaceFactsReader
{
public:
    /// Fills facts->reflections and facts->jobsWithAcceleration; false with *error when a read fails.
    static bool readReflections(QSqlDatabase db, WorkspaceFacts* facts, QString* error);
    /// The collected Iceberg file statistics, with the jobs (in the facts' window) that read each table.
    static bool readTableFiles(QSqlDatabase db, WorkspaceFacts* facts, QString* error);
    /// The collected Iceberg partition statistics, the datasets' catalog field counts and the
    /// PostgreSQL partitioning (readPostgresPartitions).
    static bool readCatalog(QSqlDatabase db, WorkspaceFacts* facts, QString* error);
    /// Fills facts->completedDurationMs from the jobs and their cached fingerprints (job_fingerprints).
    static bool readRunTimes(QSqlDatabase db, WorkspaceFacts* facts, QString* error);
    /// work_mem and hash_mem_multiplier as last collected from a PostgreSQL source (pg_settings).
    static bool readPostgresSettings(QSqlDatabase db, WorkspaceFacts* facts, QString* error);
    /// Each partition's parent and each partitioned table's partition count from the collected
    /// PostgreSQL catalog (pg_tables.parent_table / partition_count, from pg_inherits).
    static bool readPostgresPartitions(QSqlDatabase db, WorkspaceFacts* facts, QString* error);
    /// The workspace's pg_settings table as it must be named in a query: on a PostgreSQL workspace the
    /// server's own pg_catalog.pg_settings view comes first in the search path, so it is schema-qualified.
    static QString postgresSettingsTable(QSqlDatabase db);
    /// The same for any of the workspace's pg_* tables (pg_tables, pg_indexes...).
    static QString postgresWorkspaceTable(QSqlDatabase db, const QString& table);
};

} // namespace dopt
