#include "measure/measurementtask.h"

#include "measure/dremiomeasurer.h"
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
            const MeasurementProgressCallback progress = [&context, &onRun](const MeasurementProgress& step) {
                if (step.run && onRun)
                    onRun(*step.run);
                context.progress(step.done, step.total, step.message);
            };
            return request.isDremio()
                ? DremioMeasurer::measure(connection.db(), request, context.cancelFlag(), progress)
                : PostgresMeasurer::measure(connection.db(), request, context.cancelFlag(), progress);
        },
        std::move(onResult));
}

} // namespace dopt
