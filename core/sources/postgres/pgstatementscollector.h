#pragma once

#include <QSqlDatabase>
#include <QString>

namespace dopt {

class PgConnection;

/// What one pg_stat_statements snapshot stored.
struct PgSnapshotResult
{
    qint64 snapshotId = 0;
    int statements = 0; // entries read from the server
    int changed = 0; // entries with new calls since the previous snapshot (rows stored)
    bool statsReset = false; // the server's statistics were reset since the previous snapshot
};

/// Reads pg_stat_statements and stores the change since the previous snapshot of the same source
/// (pg_snapshots, pg_statement_deltas): calls, time, rows, shared and temp blocks per (queryid, user,
/// database), with libpg_query's fingerprint beside the queryid. A reset of the statistics
/// (pg_stat_statements_info.stats_reset moved, or an entry's counters went down) starts the deltas
/// again from zero instead of producing negative figures. The first snapshot stores the counters
/// since the last reset.
class PgStatementsCollector
{
public:
    /// Reads from the server first, then writes in one transaction of `db` (the caller's thread's
    /// workspace connection). False with *error (nothing stored) when pg_stat_statements is missing
    /// or a statement fails.
    static bool collect(
        PgConnection& server, QSqlDatabase db, qint64 sourceId, qint64 nowMs, PgSnapshotResult* out, QString* error);
};

} // namespace dopt
