#include "sources/postgres/pgexplaintask.h"

#include "sources/postgres/pgconnection.h"
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

quint64 PgExplainTask::startPlan(TaskRunner& runner, Workspace& workspace, const QString& url,
    const PgExplainCollector::Options& options, std::function<void(PgExplainPlan)> onPlan)
{
    return runner.start(
        [&workspace, url, options](TaskContext& context) {
            context.progress(0, 0, QStringLiteral("connecting"));
            WorkerConnection connection(workspace);
            PgConnection server;
            PgExplainPlan plan;
            if (!PgExplainCollector::openSource(server, connection.db(), url, &plan.sourceId, &plan.error))
                return plan;
            return PgExplainCollector::plan(server, connection.db(), plan.sourceId, options);
        },
        std::move(onPlan));
}

quint64 PgExplainTask::startRun(TaskRunner& runner, Workspace& workspace, const QString& url, const PgExplainPlan& plan,
    std::function<void(PgExplainResult)> onResult)
{
    return runner.start(
        [&workspace, url, plan](TaskContext& context) {
            WorkerConnection connection(workspace);
            PgConnection server;
            PgExplainResult result;
            result.sourceId = plan.sourceId;
            if (!server.open(url, &result.error))
                return result;
            return PgExplainCollector::run(server, connection.db(), plan, context.cancelFlag(),
                [&context](int done, int total, const QString& message) { context.progress(done, total, message); });
        },
        std::move(onResult));
}

} // namespace dopt
