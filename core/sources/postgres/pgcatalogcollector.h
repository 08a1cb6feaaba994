#pragma once

#include <QSqlDatabase>
#include <QString>

namespace dopt {

class PgConnection;

/// How many catalog rows one collection stored.
struct PgCatalogResult
{
    int tables = 0;
    int indexes = 0;
    int settings = 0;
};

/// Reads the catalog facts the detectors need and replaces the source's copy in the workspace in one
/// transaction: tables (size, row estimate, sequential and index scans, inserted/updated/deleted
/// rows, partitioning and its key; a partitioned table's size, rows, partition count and activity
/// counters are sums over its leaf partitions at every level), indexes (definition, size, scans from
/// pg_stat_user_indexes, unique/primary/valid; an index on a partitioned table with the size and scans
/// of its leaf indexes) and the settings that decide plans and spills (work_mem, hash_mem_multiplier...).
class PgCatalogCollector
{
public:
    static bool collect(
        PgConnection& server, QSqlDatabase db, qint64 sourceId, qint64 nowMs, PgCatalogResult* out, QString* error);
    /// The settings collected (names as in pg_settings).
    static QStringList settingNames();
};

} // namespace dopt
