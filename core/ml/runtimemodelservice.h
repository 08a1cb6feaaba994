#pragma once

#include "modeltrainer.h"

#include <QSqlDatabase>
#include <optional>

namespace dopt {

class TaskContext;

/// The run-time model's use cases on one workspace connection: train and store (as a background
/// task: progress and cancel through the TaskContext) and predict one job with the active model.
class RuntimeModelService
{
public:
    /// Extracts the features, trains, stores the model as the active one. Cancel leaves the stored
    /// models untouched. `context` may be null (no progress, no cancel).
    static bool train(
        QSqlDatabase db, const TrainingOptions& options, TaskContext* context, TrainingResult* result, QString* error);
    /// Predicts one job (by job id) with the active model and records the prediction.
    static std::optional<RuntimePrediction> predictJob(QSqlDatabase db, const QString& jobId, QString* error);
    /// Completed jobs with a duration (what training would use).
    static std::optional<qint64> completedJobCount(QSqlDatabase db, QString* error);
};

} // namespace dopt
