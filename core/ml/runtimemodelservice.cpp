#include "runtimemodelservice.h"

#include "features.h"
#include "modelstore.h"
#include "tasks/taskcontext.h"

#include <QSqlError>
#include <QSqlQuery>

namespace dopt {

namespace {
constexpr int kProgressScale = 1000;
constexpr int kExtractionShare = 300; // of kProgressScale
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
            context->progress(kExtractionShare + (kProgressScale - kExtractionShare) * done / std::max(1, total),
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
    if (context)
        context->progress(kProgressScale, kProgressScale, QStringLiteral("Model stored"));
    return true;
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
