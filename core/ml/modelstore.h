#pragma once

#include "runtimemodel.h"

#include <QSqlDatabase>
#include <optional>
#include <utility>
#include <vector>

namespace dopt {

/// Stores run-time models (models table: dlib payload + JSON metadata) and their predictions.
/// The newest stored model is the active one.
class ModelStore
{
public:
    explicit ModelStore(QSqlDatabase db)
        : m_db(std::move(db))
    { }

    /// Inserts the model and makes it the only active one (one transaction). Returns the id, -1 on error.
    qint64 save(const RuntimeModel& model, QString* error);
    /// The active model, or an invalid one (with *error empty) when none was trained yet.
    RuntimeModel loadActive(QString* error);
    /// Training rows of the active model, nullopt when there is none.
    std::optional<qint64> activeJobCount(QString* error);
    /// True when there is no model, or completed jobs grew by `growth` (e.g. 1.2 = 20%) since training.
    bool needsRetrain(qint64 completedJobs, double growth, QString* error);
    bool savePrediction(qint64 jobRowId, qint64 modelId, const RuntimePrediction& prediction, QString* error);
    /// Inserts or replaces the predictions of one batch of jobs in ONE transaction (all or nothing).
    bool savePredictions(
        qint64 modelId, const std::vector<std::pair<qint64, RuntimePrediction>>& batch, QString* error);
    /// Drops the predictions of every model but `modelId` (they are no longer shown anywhere).
    bool deletePredictionsExcept(qint64 modelId, QString* error);
    /// Stored predictions of a model.
    std::optional<qint64> predictionCount(qint64 modelId, QString* error);

private:
    QSqlDatabase m_db;
};

} // namespace dopt
