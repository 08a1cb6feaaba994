#pragma once

#include "modeltrainer.h"

#include <QSqlDatabase>
#include <optional>

namespace dopt {

class TaskContext;
struct FeatureSet;

/// The run-time model's use cases on one workspace connection: train and store (as a background
/// task: progress and cancel through the TaskContext) and predict one job with the active model.
class RuntimeModelService
{
public:
    /// Extracts the features, trains, stores the model as the active one, then stores its
    /// prediction of every job (see predictAll). Cancel before the model is stored leaves the stored
    /// models untouched; cancel while predicting keeps the new model and the finished batches. `context` may be null
    /// (no progress, no cancel).
    static bool train(
        QSqlDatabase db, const TrainingOptions& options, TaskContext* context, TrainingResult* result, QString* error);
    /// Predicts one job (by job id) with the active model and records the prediction.
    static std::optional<RuntimePrediction> predictJob(QSqlDatabase db, const QString& jobId, QString* error);
    /// Predicts every job with the active model and stores the predictions in batches of
    /// `batchSize` jobs, one transaction per batch (cancel keeps the finished batches; each batch is
    /// whole or absent). Predictions of older models are removed first. Returns the number stored.
    static std::optional<qint64> predictAll(
        QSqlDatabase db, TaskContext* context, QString* error, int batchSize = 2000);
    /// Stores `model`'s prediction of every row of `features` (the extraction the model was trained
    /// from or one with the model's queues). Progress runs from `progressFrom` to the end.
    static std::optional<qint64> storePredictions(QSqlDatabase db, const RuntimeModel& model,
        const FeatureSet& features, TaskContext* context, int progressFrom, int batchSize, QString* error);
    /// Completed jobs with a duration (what training would use).
    static std::optional<qint64> completedJobCount(QSqlDatabase db, QString* error);
};

} // namespace dopt
