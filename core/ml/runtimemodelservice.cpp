#include "runtimemodelservice.h"

#include "features.h"
#include "modelstore.h"
#include "tasks/taskcontext.h"

#include <QSqlError>
#include <QSqlQuery>

namespace dopt {

namespace {
constexpr int kProgressScale = 1000;
constexpr int kDefaultBatch = 2000;
constexpr int kExtractionShare = 250; // of kProgressScale
constexpr int kTrainingEnd = 850; // then the predictions of every job are stored
} // namespace

bool RuntimeModelService::train(
    QSqlDatabase db, const TrainingOptions& options, TaskContext* context, TrainingResult* result, QString* error)
{
    FeatureOptions featureOptions;
    featureOptions.cancel = context ? context->cancelFlag() : nullptr;
    if (context) {
        featureOptions.progress = [context](qint64 done, qint64 total) {
            context->progress(int(kExtractionShare * done / std::max<qint64>(1, total)), kProgressScale,
                QStringLiteral("Extracting features"));
        };
    }
    FeatureSet features;
    if (!FeatureExtractor::extract(db, featureOptions, &features, error))
        return false;
    ModelTrainer::Progress progress;
    if (context) {
        progress = [context](int done, int total, const QString& message) {
            context->progress(kExtractionShare + (kTrainingEnd - kExtractionShare) * done / std::max(1, total),
                kProgressScale, message);
        };
    }
    if (!ModelTrainer::train(features, options, featureOptions.cancel, progress, result, error))
        return false;
    if (featureOptions.cancel && featureOptions.cancel->load()) {
        *error = QStringLiteral("train: cancelled, the stored model is unchanged");
        return false;
    }
    ModelStore store(db);
    const qint64 id = store.save(result->model, error);
    if (id < 0)
        return false;
    result->model.id = id;
    // The model is stored: a cancel from here on only stops the predictions (finished batches stay).
    const std::optional<qint64> stored
        = storePredictions(db, result->model, features, context, kTrainingEnd, kDefaultBatch, error);
    if (!stored && !(context && context->isCancelled()))
        return false;
    error->clear();
    result->predictionsStored = stored.value_or(0);
    if (context)
        context->progress(kProgressScale, kProgressScale, QStringLiteral("Model stored"));
    return true;
}

std::optional<qint64> RuntimeModelService::storePredictions(QSqlDatabase db, const RuntimeModel& model,
    const FeatureSet& features, TaskContext* context, int progressFrom, int batchSize, QString* error)
{
    if (features.names != model.features) {
        *error = QStringLiteral("predict: the model's features differ from this version's: train again");
        return std::nullopt;
    }
    ModelStore store(db);
    if (!store.deletePredictionsExcept(model.id, error))
        return std::nullopt;
    const qsizetype total = features.size();
    const qsizetype batch = std::max(1, batchSize);
    std::vector<std::pair<qint64, RuntimePrediction>> rows;
    rows.reserve(size_t(std::min(batch, total)));
    qint64 stored = 0;
    for (qsizetype first = 0; first < total; first += batch) {
        if (context && context->isCancelled()) {
            *error = QStringLiteral("predict: cancelled after %1 of %2 jobs (finished batches are stored)")
                         .arg(stored)
                         .arg(total);
            return std::nullopt;
        }
        rows.clear();
        const qsizetype last = std::min(total, first + batch);
        for (qsizetype i = first; i < last; ++i)
            rows.emplace_back(features.rowIds[size_t(i)], model.predict(features.row(i)));
        if (!store.savePredictions(model.id, rows, error))
            return std::nullopt;
        stored += qint64(rows.size());
        if (context)
            context->progress(
                progressFrom + int((kProgressScale - progressFrom) * last / std::max<qsizetype>(1, total)),
                kProgressScale, QStringLiteral("Storing predictions: %1 of %2 jobs").arg(last).arg(total));
    }
    return stored;
}

std::optional<qint64> RuntimeModelService::predictAll(
    QSqlDatabase db, TaskContext* context, QString* error, int batchSize)
{
    ModelStore store(db);
    const RuntimeModel model = store.loadActive(error);
    if (!model.isValid()) {
        if (error->isEmpty())
            *error = QStringLiteral("predict: no model yet: run train first");
        return std::nullopt;
    }
    FeatureOptions options;
    options.queues = model.queues;
    options.cancel = context ? context->cancelFlag() : nullptr;
    if (context) {
        options.progress = [context](qint64 done, qint64 total) {
            context->progress(int(kExtractionShare * done / std::max<qint64>(1, total)), kProgressScale,
                QStringLiteral("Extracting features"));
        };
    }
    FeatureSet features;
    if (!FeatureExtractor::extract(db, options, &features, error))
        return std::nullopt;
    return storePredictions(db, model, features, context, kExtractionShare, batchSize, error);
}

std::optional<RuntimePrediction> RuntimeModelService::predictJob(QSqlDatabase db, const QString& jobId, QString* error)
{
    ModelStore store(db);
    const RuntimeModel model = store.loadActive(error);
    if (!model.isValid()) {
        if (error->isEmpty())
            *error = QStringLiteral("predict: no model yet: run train first");
        return std::nullopt;
    }
    QSqlQuery query(db);
    query.prepare(QStringLiteral("SELECT id, submitted_ms FROM jobs WHERE job_id = ? ORDER BY attempt DESC LIMIT 1"));
    query.addBindValue(jobId);
    if (!query.exec()) {
        *error = QStringLiteral("predict: %1").arg(query.lastError().text());
        return std::nullopt;
    }
    if (!query.next()) {
        *error = QStringLiteral("predict: no job '%1' in the workspace").arg(jobId);
        return std::nullopt;
    }
    const qint64 rowId = query.value(0).toLongLong();
    if (query.value(1).isNull()) {
        *error = QStringLiteral("predict: job '%1' has no submission time").arg(jobId);
        return std::nullopt;
    }
    FeatureOptions options;
    options.queues = model.queues;
    options.untilMs = query.value(1).toLongLong();
    FeatureSet features;
    if (!FeatureExtractor::extract(db, options, &features, error))
        return std::nullopt;
    if (features.names != model.features) {
        *error = QStringLiteral("predict: the model's features differ from this version's: train again");
        return std::nullopt;
    }
    for (qsizetype i = features.size() - 1; i >= 0; --i) {
        if (features.rowIds[size_t(i)] != rowId)
            continue;
        const RuntimePrediction prediction = model.predict(features.row(i));
        if (!store.savePrediction(rowId, model.id, prediction, error))
            return std::nullopt;
        return prediction;
    }
    *error = QStringLiteral("predict: job '%1' vanished while reading").arg(jobId);
    return std::nullopt;
}

std::optional<qint64> RuntimeModelService::completedJobCount(QSqlDatabase db, QString* error)
{
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral("SELECT COUNT(*) FROM jobs WHERE state = 'COMPLETED' AND duration_ms > 0 "
                                   "AND submitted_ms IS NOT NULL"))
        || !query.next()) {
        *error = QStringLiteral("jobs: %1").arg(query.lastError().text());
        return std::nullopt;
    }
    return query.value(0).toLongLong();
}

} // namespace dopt
