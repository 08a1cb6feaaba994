#include "sources/postgres/pgexplaintask.h"

#include "store/workspace.h"
#include "tasks/taskrunner.h"
#include "tasks/workerconnection.h"

namespace dopt {

quint64 PgExplainTask::start(TaskRunner& runner, Workspace& workspace, const QString& url,
    const PgExplainCollector::Options& options, std::function<void(PgExplainResult)> onResult)
{
    return runner.start(
        [&workspace, url, options](TaskContext& context) {
            WorkerConnection connection(workspace);
            return PgExplainCollector::collect(connection.db(), url, options, context.cancelFlag(),
                [&context](int done, int total, const QString& message) { context.progress(done, total, message); });
        },
        std::move(onResult));
}

} // namespace dopt
