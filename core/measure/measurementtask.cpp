#include "measure/measurementtask.h"

#include "store/workspace.h"
#include "tasks/taskrunner.h"
#include "tasks/workerconnection.h"

namespace dopt {

quint64 MeasurementTask::start(TaskRunner& runner, Workspace& workspace, MeasurementRequest request,
    std::function<void(MeasurementResult)> onResult, std::function<void(const MeasurementRun&)> onRun)
{
    return runner.start(
        [&workspace, request = std::move(request), onRun = std::move(onRun)](TaskContext& context) {
            WorkerConnection connection(workspace);
            return PostgresMeasurer::measure(connection.db(), request, context.cancelFlag(),
                [&context, &onRun](const MeasurementProgress& progress) {
                    if (progress.run && onRun)
                        onRun(*progress.run);
                    context.progress(progress.done, progress.total, progress.message);
                });
        },
        std::move(onResult));
}

} // namespace dopt
