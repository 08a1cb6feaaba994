#include "measure/measurementrecorder.h"

#include "analysis/recommendation.h"
#include "analysis/recommendationstore.h"

#include <QDateTime>

namespace dopt {

namespace {

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

} // namespace

MeasurementRecorder::MeasurementRecorder(
    QSqlDatabase db, const MeasurementRequest& request, const MeasurementProgressCallback& progress)
    : m_db(db)
    , m_store(db)
    , m_request(request)
    , m_progress(progress)
{ }

bool MeasurementRecorder::begin(const QString& engine, const QString& target)
{
    m_result.engine = engine;
    m_result.target = target;
    m_result.action = MeasurementRequest::kindName(m_request.kind);
    m_result.recommendationId = m_request.recommendationId;
    m_result.runs = m_request.runs;
    m_result.warmupRuns = m_request.warmupRuns;
    m_result.predictedImprovementShare = m_request.predictedImprovementShare;
    m_result.applyStatements = m_request.applyStatements;
    m_result.undoStatements = m_request.undoStatements;
    m_result.measuredQuery = m_request.recordedQuery();
    m_result.startedMs = nowMs();
    m_result.state = QStringLiteral("failed");
    QString error;
    if (!m_request.validate(&error)) {
        m_result.error = error; // nothing ran: not stored
        return false;
    }
    m_result.id = m_store.create(m_request, m_result.target, m_result.startedMs, &error);
    if (m_result.id <= 0) {
        m_result.error = error;
        return false;
    }
    m_result.state = QStringLiteral("running");
    m_total = 2 * (std::max(1, m_request.warmupRuns) + m_request.runs);
    return true;
}

void MeasurementRecorder::report(const QString& phase, const QString& message, std::optional<MeasurementRun> run) const
{
    if (m_progress)
        m_progress({m_done, m_total, phase, run, message});
}

bool MeasurementRecorder::addRun(const MeasurementRun& run, const QString& message, QString* error)
{
    m_result.runList.append(run);
    if (!m_store.addRun(m_result.id, run, error))
        return false;
    ++m_done;
    report(run.warmup ? QStringLiteral("warmup") : QStringLiteral("run"), message, run);
    return true;
}

bool MeasurementRecorder::checkSameResult(qint64 rowsBefore, const QString& checksumBefore, qint64 rowsAfter,
    const QString& checksumAfter, bool mustMatch, const QString& what)
{
    m_result.rowsBefore = rowsBefore;
    m_result.rowsAfter = rowsAfter;
    m_result.checksumBefore = checksumBefore;
    m_result.checksumAfter = checksumAfter;
    if (!mustMatch || (rowsBefore == rowsAfter && checksumBefore == checksumAfter))
        return true;
    m_result.verdict = QStringLiteral("invalid");
    m_result.error = QStringLiteral("%1: %2 rows (checksum %3) before, %4 rows (checksum %5) after; timings not taken")
                         .arg(what)
                         .arg(rowsBefore)
                         .arg(checksumBefore)
                         .arg(rowsAfter)
                         .arg(checksumAfter);
    return false;
}

void MeasurementRecorder::setApplied(bool applied)
{
    m_result.applied = applied;
    if (!applied)
        m_result.revertedMs = nowMs();
    QString error;
    if (!m_store.setApplied(m_result.id, applied, applied ? std::nullopt : m_result.revertedMs, &error))
        m_result.error += (m_result.error.isEmpty() ? QString() : QStringLiteral("; ")) + error;
}

MeasurementResult MeasurementRecorder::fail(const QString& error, bool isCancel, const Undo& undo)
{
    m_result.state = isCancel ? QStringLiteral("cancelled") : QStringLiteral("failed");
    m_result.error = error;
    // The plans already taken stay; each missing one says why it is missing.
    const QString why = QStringLiteral("not taken: the measurement %1 before this plan was taken (%2)")
                            .arg(isCancel ? QStringLiteral("was cancelled") : QStringLiteral("failed"), error);
    for (QString* plan : {&m_result.planBefore, &m_result.planAfter})
        if (plan->isEmpty())
            *plan = MeasurementResult::missingPlan(m_result.engine, why);
    // An unfinished measurement gives no reason to keep its change: the server goes back as it was.
    if (m_result.applied) {
        QString undoError;
        if (undo(&undoError))
            setApplied(false);
        else
            m_result.error += QStringLiteral("; %1; the change is still in place: run `revert %2 --yes`")
                                  .arg(undoError)
                                  .arg(m_result.id);
    }
    return finish();
}

MeasurementResult MeasurementRecorder::finish()
{
    m_result.endedMs = nowMs();
    QString error;
    if (m_result.id > 0 && !m_store.finish(m_result, &error))
        m_result.error += (m_result.error.isEmpty() ? QString() : QStringLiteral("; ")) + error;
    if (m_request.recommendationId > 0 && m_result.applied)
        RecommendationStore(m_db).setStatus(
            m_request.recommendationId, QString::fromLatin1(Recommendation::StatusApplied), &error);
    return m_result;
}

bool MeasurementRecorder::revert(QSqlDatabase db, qint64 measurementId,
    const std::function<bool(const MeasurementResult&, QString*)>& undo, QString* error)
{
    MeasurementStore store(db);
    const std::optional<MeasurementResult> measurement = store.get(measurementId, error);
    if (!measurement) {
        if (error->isEmpty())
            *error = QStringLiteral("no measurement %1 in this workspace").arg(measurementId);
        return false;
    }
    if (!measurement->applied) {
        *error
            = QStringLiteral("measurement %1 has nothing in place to revert (state %2%3)")
                  .arg(measurementId)
                  .arg(measurement->state,
                      measurement->revertedMs ? QStringLiteral(", reverted at ")
                              + QDateTime::fromMSecsSinceEpoch(*measurement->revertedMs, Qt::UTC).toString(Qt::ISODate)
                                              : QString());
        return false;
    }
    if (!undo(*measurement, error))
        return false;
    if (!store.setApplied(measurementId, false, nowMs(), error))
        return false;
    if (measurement->recommendationId > 0)
        RecommendationStore(db).setStatus(
            measurement->recommendationId, QString::fromLatin1(Recommendation::StatusReverted), error);
    error->clear();
    return true;
}

} // namespace dopt
