#pragma once

#include "measure/postgresmeasurer.h"

#include <functional>

namespace dopt {

class TaskRunner;
class Workspace;

/// Runs an apply-and-measure in the background for the GUI: PostgresMeasurer, or DremioMeasurer
/// when request.isDremio().
///
/// - TaskRunner::progress(id, done, total, message) fires after every run (done/total counts timed
///   runs, warm-ups included) and at apply/plan/undo steps;
/// - onRun (optional) receives each finished run on the worker thread, to fill a live chart (post it
///   to the GUI thread, e.g. with QMetaObject::invokeMethod(..., Qt::QueuedConnection)); the runs are
///   also in measurement_runs as soon as they finish;
/// - onResult gets the MeasurementResult on the runner's thread, also after a failure, timeout or
///   cancel (state failed/cancelled with its error; the change undone, even with request.keep);
/// - TaskRunner::cancel(id) stops the statement in progress on the server and undoes the change.
/// Keep or revert afterwards: PostgresMeasurer::revert(db, result.id, &error) (on a worker thread).
class MeasurementTask
{
public:
    static quint64 start(TaskRunner& runner, Workspace& workspace, MeasurementRequest request,
        std::function<void(MeasurementResult)> onResult, std::function<void(const MeasurementRun&)> onRun = {});
};

} // namespace dopt
