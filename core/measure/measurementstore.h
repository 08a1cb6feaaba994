#pragma once

#include "measure/measurementrequest.h"
#include "measure/measurementresult.h"

#include <QHash>
#include <QSqlDatabase>

namespace dopt {

/// Reads and writes measurements, measurement_runs and measurement_actions on the connection it is
/// given. Each call is its own statement (autocommit), so a measurement's trace survives a crash of
/// the program in its middle: state "running" and the runs done so far.
class MeasurementStore
{
public:
    explicit MeasurementStore(QSqlDatabase db)
        : m_db(std::move(db))
    { }

    /// Inserts a measurement in state "running" with its action; its id, 0 with *error on failure.
    qint64 create(const MeasurementRequest& request, const QString& target, qint64 startedMs, QString* error);
    bool addRun(qint64 measurementId, const MeasurementRun& run, QString* error);
    /// Replaces the recorded apply/undo statements once they are known (e.g. the id Dremio gave a
    /// new reflection, the snapshot before OPTIMIZE), before the change is made.
    bool setStatements(
        qint64 measurementId, const QStringList& applyStatements, const QStringList& undoStatements, QString* error);
    bool setApplied(qint64 measurementId, bool applied, std::optional<qint64> revertedMs, QString* error);
    /// Writes state, verdict, figures, plans, error and end time.
    bool finish(const MeasurementResult& result, QString* error);
    /// The measurement with its runs and action statements; nullopt when absent (*error set on a read failure).
    std::optional<MeasurementResult> get(qint64 id, QString* error);
    /// Ids of the stored measurements, newest first: all, or those of one recommendation
    /// (recommendationId > 0); *error set on a read failure.
    QVector<qint64> ids(qint64 recommendationId, QString* error);
    /// The newest measurement of each recommendation that has one, by recommendation id.
    QHash<qint64, MeasurementResult> latestByRecommendation(QString* error);

private:
    QSqlDatabase m_db;
};

} // namespace dopt
