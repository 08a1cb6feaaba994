#pragma once

#include "measure/measurementrequest.h"
#include "measure/measurementresult.h"
#include "measure/postgresmeasurer.h"

#include <QSqlDatabase>
#include <atomic>

namespace dopt {

/// Applies a Dremio recommendation and measures a read-only query before and after it, through the
/// REST API (reference/dremio.md §1.3-1.6) with the same protocol and store as PostgresMeasurer:
/// warm-up runs of both variants (not counted; their first results must match: row count and an
/// order-independent checksum, else the verdict is "invalid"), then `runs` interleaved pairs, one
/// job at a time. A run's duration is its job's endedAt - startedAt, Dremio's own clock, so polling
/// and paging on our side do not count.
///
/// What each kind does (MeasurementRequest::describe() shows the exact calls before anything runs):
/// - create_reflection: dataset id from GET catalog/by-path, POST reflection, poll GET reflection/{id}
///   until CAN_ACCELERATE (FAILED, timeout or cancel: DELETE it and stop); before runs carry
///   /*+ exclude_reflections("id") */, after runs /*+ consider_reflections("id") */; when no after run
///   has the reflection CHOSEN in its job status the verdict is "not_used". Undo: DELETE reflection/{id}.
/// - drop_reflection: its definition saved (GET) so revert can POST it again; after runs exclude it
///   by hint; the real DELETE only when the change is kept.
/// - optimize_table: the current snapshot id from TABLE(table_history('t')) (the snapshot made
///   current last: after a rollback not the newest in table_snapshot), OPTIMIZE TABLE; before runs read
///   the table AT SNAPSHOT of that id; undo ROLLBACK TABLE t TO SNAPSHOT 'id'.
/// - sql_rewrite: the two statements alternate.
/// Plans: after the runs (and the undo), the profiles of the before and the after job closest to
/// their side's median duration are downloaded (POST /apiv2/support/{id}/download, as the history
/// collector does), parsed and stored as plan trees in plan_before / plan_after, where the
/// comparison view marks the operators found on one side only. Dremio Cloud has no profile
/// download: the plans then say so. A download or parse failure never changes the verdict; the plan
/// records what went wrong ({"engine": "dremio", "job_id": …, "unavailable": reason}).
/// The undo statements recorded in the workspace are the exact calls ("DELETE /api/v3/reflection/…",
/// "POST /api/v3/reflection {…}", SQL), known before the change is made. Failure, timeout, 401 or
/// cancel at any point undo what was applied (keep applies to completed measurements only).
///
/// Blocking: call from a worker thread with that thread's workspace connection.
class DremioMeasurer
{
public:
    static MeasurementResult measure(QSqlDatabase workspaceDb, const MeasurementRequest& request,
        const std::atomic_bool* cancel = nullptr, const MeasurementProgressCallback& progress = {});
    /// Runs the recorded undo of an applied Dremio measurement on `connection` (same server; the
    /// secret from the caller), marks it reverted and its recommendation "reverted".
    static bool revert(QSqlDatabase workspaceDb, qint64 measurementId, const DremioConnection& connection,
        const QString& secret, QString* error);

    /// Index of the duration closest to the median of all (the first of equals; -1 when empty): the
    /// run whose profile stands for its side.
    static qsizetype closestToMedian(const QVector<double>& durations);
    /// sql with a query hint after its main SELECT (after a WITH list, not in a CTE), where Dremio
    /// reads reflection hints: SELECT /*+ hint */ ...; added to a hint comment already there.
    static QString withHint(const QString& sql, const QString& hint);
    /// sql with every FROM/JOIN reference to table followed by AT SNAPSHOT 'id' ("" when none).
    static QString atSnapshot(const QString& sql, const QString& table, const QString& snapshotId);
};

} // namespace dopt
