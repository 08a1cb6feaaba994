#pragma once

#include "measure/measurementrecorder.h"
#include "measure/measurementrequest.h"
#include "measure/measurementresult.h"

#include <QSqlDatabase>
#include <atomic>

namespace dopt {

/// Applies a change to a PostgreSQL server and measures a read-only statement before and after it
/// (see MeasurementRequest for how each kind of change is measured), storing everything in the
/// workspace as it goes (MeasurementStore): the measurement row first (state "running"), every run,
/// whether the change is in place, then the figures, verdict and both EXPLAIN plans.
///
/// Protocol: warm-up runs of both variants (not counted; they also give the row count and checksum
/// a rewrite must reproduce, else the verdict is "invalid" and no timing is taken), the before and
/// after plans (EXPLAIN ANALYZE, BUFFERS, rolled back), then `runs` interleaved pairs (before, after,
/// before, after...), each run in its own rolled-back transaction with statement_timeout and
/// lock_timeout; MeasurementStatistics gives medians, the speedup's bootstrap interval, the
/// Mann-Whitney p-value and the verdict.
///
/// Stopping: the cancel flag is polled during every statement (PQcancel); a timeout, a lost
/// connection, an error or a cancel end the measurement with a one-line reason (state failed or
/// cancelled) and undo what was applied, also when request.keep (keep applies to a completed
/// measurement only); when the server is unreachable the
/// undo is retried for a few seconds, and failing that the measurement stays "applied" so
/// revert() can finish the job later.
///
/// Blocking: call from a worker thread (MeasurementTask does) with that thread's workspace connection.
class PostgresMeasurer
{
public:
    static MeasurementResult measure(QSqlDatabase workspaceDb, const MeasurementRequest& request,
        const std::atomic_bool* cancel = nullptr, const MeasurementProgressCallback& progress = {});
    /// Runs the undo statements of an applied measurement on its target (or on `url` when given:
    /// same server, but with credentials in the environment), marks it reverted and its
    /// recommendation "reverted". False with *error when nothing is applied or the undo fails.
    static bool revert(QSqlDatabase workspaceDb, qint64 measurementId, QString* error, const QString& url = QString());
};

} // namespace dopt
