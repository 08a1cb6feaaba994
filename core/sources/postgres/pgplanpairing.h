#pragma once

#include "model/job.h"
#include "sources/postgres/pgloggedplan.h"
#include "sources/postgres/pglogrecord.h"

#include <QHash>
#include <QString>
#include <QVector>
#include <functional>
#include <optional>

namespace dopt {

/// One execution a log reports (a statement or execute duration entry, a failed statement).
struct PgLoggedExecution
{
    Job job; // engine postgres, who, where, id = session id:line; the caller fills the rest
    PgLogRecord record;
    QString statement; // the text as run or prepared ($n kept): what is fingerprinted

    static PgLoggedExecution fromRecord(const PgLogRecord& record);
};

/// Pairs auto_explain plans with the executions they belong to, in one session at a time.
/// With log_min_duration_statement too, the simple protocol logs a statement's plans BEFORE its
/// duration entry (ExecutorEnd runs first; a query string of several statements logs several plans
/// with the same text), the extended protocol logs an execute's duration entry BEFORE its plan (the
/// portal ends at Sync). So a statement claims the session's waiting plans of its text (the longest
/// readable one), an execute without one waits for the session's next entry, and a plan that no
/// entry claims (auto_explain alone, or a threshold only auto_explain reached) is an execution of its
/// own. A plan whose text could not be read goes with the session's next completed execution; a
/// failed statement claims no plan. At most one
/// statement's plans and one execute wait per session, so memory does not grow with the log.
class PgPlanPairing
{
public:
    /// Receives each execution with its plan (nullptr when none); execution is nullptr for a plan
    /// that nothing claims and whose text could not be read. Returns false to stop (a write error).
    using Sink = std::function<bool(PgLoggedExecution* execution, const PgLoggedPlan* plan)>;

    explicit PgPlanPairing(Sink sink);

    bool addPlan(PgLoggedPlan plan);
    bool addExecution(PgLoggedExecution execution);
    /// Any other entry of a session: an execute waiting for its plan will not get one.
    bool addOther(const PgLogRecord& record);
    /// The end of the log: what still waits is passed on, in log order.
    bool finish();

private:
    bool passAlone(const PgLoggedPlan& plan);
    bool releaseExecute(const QString& sessionId);
    /// Passes the waiting plans of another text than `text` on alone; the plans of `text` go to
    /// *claimed when given (and none waits any more), else they keep waiting.
    bool releasePlans(QVector<PgLoggedPlan>& waiting, const QString& text, std::optional<PgLoggedPlan>* claimed);

    Sink m_sink;
    QHash<QString, QVector<PgLoggedPlan>> m_plans; // by session id, in log order
    QHash<QString, PgLoggedExecution> m_executes; // by session id
};

} // namespace dopt
