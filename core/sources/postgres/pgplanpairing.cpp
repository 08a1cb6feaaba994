#include "sources/postgres/pgplanpairing.h"

#include "util/saturatingcast.h"

#include <algorithm>
#include <utility>

namespace dopt {

namespace {

bool textMatches(const PgLoggedPlan& plan, const QString& trimmedText)
{
    return plan.queryText.trimmed() == trimmedText;
}

bool unread(const PgLoggedPlan& plan)
{
    return plan.queryText.isEmpty() && !plan.parsed;
}

} // namespace

PgLoggedExecution PgLoggedExecution::fromRecord(const PgLogRecord& record)
{
    PgLoggedExecution execution;
    execution.record = record;
    Job& job = execution.job;
    job.engine = QStringLiteral("postgres");
    job.user = record.user;
    job.engineName = record.database;
    job.jobId = record.sessionId + QLatin1Char(':') + record.sessionLine;
    return execution;
}

PgPlanPairing::PgPlanPairing(Sink sink)
    : m_sink(std::move(sink))
{ }

bool PgPlanPairing::addPlan(PgLoggedPlan plan)
{
    const QString session = plan.record.sessionId;
    if (session.isEmpty())
        return passAlone(plan);
    const auto execute = m_executes.find(session);
    if (execute != m_executes.end()) {
        if (unread(plan) || textMatches(plan, execute->statement.trimmed())) {
            PgLoggedExecution execution = std::move(*execute);
            m_executes.erase(execute);
            return m_sink(&execution, &plan);
        }
        if (!releaseExecute(session))
            return false;
    }
    // The session's waiting plans of another statement will not be claimed any more: their
    // statement would have been logged before this plan.
    QVector<PgLoggedPlan>& waiting = m_plans[session];
    if (!releasePlans(waiting, plan.queryText.trimmed(), nullptr))
        return false;
    waiting.append(std::move(plan));
    return true;
}

bool PgPlanPairing::addExecution(PgLoggedExecution execution)
{
    const QString session = execution.record.sessionId;
    if (session.isEmpty())
        return m_sink(&execution, nullptr);
    if (!releaseExecute(session))
        return false;
    // A failed statement never reached the end of its execution, where auto_explain logs: the
    // session's waiting plans (of earlier runs) are not its own.
    if (execution.job.state != QLatin1String("COMPLETED"))
        return m_sink(&execution, nullptr);
    std::optional<PgLoggedPlan> claimed;
    const auto waiting = m_plans.find(session);
    if (waiting != m_plans.end()) {
        if (!releasePlans(*waiting, execution.statement.trimmed(), &claimed))
            return false;
        m_plans.erase(waiting);
    }
    if (claimed)
        return m_sink(&execution, &*claimed);
    if (execution.job.queryType == QLatin1String("execute")) {
        m_executes.insert(session, std::move(execution)); // its plan may follow
        return true;
    }
    return m_sink(&execution, nullptr);
}

bool PgPlanPairing::addOther(const PgLogRecord& record)
{
    return record.sessionId.isEmpty() || releaseExecute(record.sessionId);
}

bool PgPlanPairing::finish()
{
    QVector<PgLoggedExecution> executes;
    for (PgLoggedExecution& execution : m_executes)
        executes.append(std::move(execution));
    m_executes.clear();
    std::sort(executes.begin(), executes.end(),
        [](const PgLoggedExecution& a, const PgLoggedExecution& b) { return a.record.line < b.record.line; });
    for (PgLoggedExecution& execution : executes)
        if (!m_sink(&execution, nullptr))
            return false;
    QVector<PgLoggedPlan> plans;
    for (QVector<PgLoggedPlan>& waiting : m_plans)
        for (PgLoggedPlan& plan : waiting)
            plans.append(std::move(plan));
    m_plans.clear();
    std::sort(plans.begin(), plans.end(),
        [](const PgLoggedPlan& a, const PgLoggedPlan& b) { return a.record.line < b.record.line; });
    for (const PgLoggedPlan& plan : std::as_const(plans))
        if (!passAlone(plan))
            return false;
    return true;
}

bool PgPlanPairing::passAlone(const PgLoggedPlan& plan)
{
    if (plan.queryText.isEmpty()) // nothing says what ran
        return m_sink(nullptr, &plan);
    PgLoggedExecution execution = PgLoggedExecution::fromRecord(plan.record);
    execution.statement = plan.queryText;
    Job& job = execution.job;
    job.sql = plan.queryText;
    job.queryType = QStringLiteral("statement");
    job.state = QStringLiteral("COMPLETED");
    job.durationMs = plan.ms;
    job.endedMs = plan.record.timeMs;
    job.startedMs = plan.record.timeMs - roundToInt64(plan.ms);
    job.submittedMs = job.startedMs;
    return m_sink(&execution, &plan);
}

bool PgPlanPairing::releaseExecute(const QString& sessionId)
{
    const auto execute = m_executes.find(sessionId);
    if (execute == m_executes.end())
        return true;
    PgLoggedExecution execution = std::move(*execute);
    m_executes.erase(execute);
    return m_sink(&execution, nullptr);
}

bool PgPlanPairing::releasePlans(
    QVector<PgLoggedPlan>& waiting, const QString& text, std::optional<PgLoggedPlan>* claimed)
{
    QVector<PgLoggedPlan> kept;
    for (PgLoggedPlan& candidate : waiting) {
        const bool same = textMatches(candidate, text) || (claimed && unread(candidate));
        if (!same) {
            if (!passAlone(candidate))
                return false;
        } else if (!claimed) {
            kept.append(std::move(candidate));
        } else if (!*claimed
            || std::pair(candidate.parsed, candidate.ms) > std::pair((*claimed)->parsed, (*claimed)->ms)) {
            *claimed = std::move(candidate);
        }
    }
    waiting = std::move(kept);
    return true;
}

} // namespace dopt
