#pragma once

#include "sources/postgres/pgexplaincollector.h"

namespace dopt {

class TaskRunner;
class Workspace;

/// Runs PgExplainCollector in the background for the GUI: TaskRunner::progress after each statement,
/// TaskRunner::cancel(id) stops the EXPLAIN in progress on the server (its transaction is rolled back;
/// the profiles stored so far stay), onResult gets what was done on the runner's thread.
class PgExplainTask
{
public:
    static quint64 start(TaskRunner& runner, Workspace& workspace, const QString& url,
        const PgExplainCollector::Options& options, std::function<void(PgExplainResult)> onResult);
    /// Connects and chooses the statements and their values (PgExplainCollector::plan), running none.
    static quint64 startPlan(TaskRunner& runner, Workspace& workspace, const QString& url,
        const PgExplainCollector::Options& options, std::function<void(PgExplainPlan)> onPlan);
    /// Connects again and explains exactly the planned statements (PgExplainCollector::run).
    static quint64 startRun(TaskRunner& runner, Workspace& workspace, const QString& url, const PgExplainPlan& plan,
        std::function<void(PgExplainResult)> onResult);
};

} // namespace dopt
