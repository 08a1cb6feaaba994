#include "modelstore.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

namespace dopt {

namespace {

QString compact(const QJsonObject& object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

QString compact(const QJsonArray& array)
{
    return QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Compact));
}

QStringList stringsOf(const QString& json)
{
    QStringList list;
    const QJsonArray array = QJsonDocument::fromJson(json.toUtf8()).array();
    for (const QJsonValue& value : array)
        list.append(value.toString());
    return list;
}

} // namespace

qint64 ModelStore::save(const RuntimeModel& model, QString* error)
{
    if (!m_db.transaction()) {
        *error = QStringLiteral("models: cannot start a transaction: %1").arg(m_db.lastError().text());
        return -1;
    }
    QSqlQuery query(m_db);
    auto failWith = [&](const QString& what) -> qint64 {
        *error = QStringLiteral("models: %1: %2").arg(what, query.lastError().text());
        m_db.rollback();
        return -1;
    };
    if (!query.exec(QStringLiteral("UPDATE models SET active = 0 WHERE active <> 0")))
        return failWith(QStringLiteral("deactivating the previous model"));
    QJsonObject hyper = model.hyperparameters;
    hyper.insert(QStringLiteral("queues"), QJsonArray::fromStringList(model.queues));
    query.prepare(QStringLiteral(
        "INSERT INTO models (family, features, hyperparameters, metrics, importance, window_from_ms, window_to_ms, "
        "job_count, app_version, format_version, payload, active, trained_ms) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?)"));
    query.addBindValue(model.family());
    query.addBindValue(compact(QJsonArray::fromStringList(model.features)));
    query.addBindValue(compact(hyper));
    query.addBindValue(compact(model.metrics));
    query.addBindValue(compact(model.importance));
    query.addBindValue(model.windowFromMs);
    query.addBindValue(model.windowToMs);
    query.addBindValue(model.jobCount);
    query.addBindValue(QStringLiteral(DOPT_VERSION));
    query.addBindValue(RuntimeModel::FormatVersion);
    query.addBindValue(model.serialize());
    query.addBindValue(QDateTime::currentMSecsSinceEpoch());
    if (!query.exec())
        return failWith(QStringLiteral("storing the model"));
    QSqlQuery id(m_db);
    if (!id.exec(QStringLiteral("SELECT MAX(id) FROM models")) || !id.next()) {
        *error = QStringLiteral("models: reading the model id: %1").arg(id.lastError().text());
        m_db.rollback();
        return -1;
    }
    const qint64 modelId = id.value(0).toLongLong();
    if (!m_db.commit())
        return failWith(QStringLiteral("commit"));
    return modelId;
}

RuntimeModel ModelStore::loadActive(QString* error)
{
    QSqlQuery query(m_db);
    if (!query.exec(QStringLiteral("SELECT id, features, hyperparameters, metrics, importance, window_from_ms, "
                                   "window_to_ms, job_count, format_version, payload FROM models WHERE active <> 0 "
                                   "ORDER BY id DESC LIMIT 1"))) {
        *error = QStringLiteral("models: reading the active model: %1").arg(query.lastError().text());
        return {};
    }
    if (!query.next())
        return {};
    const qint64 id = query.value(0).toLongLong();
    if (query.value(8).toInt() != RuntimeModel::FormatVersion) {
        *error = QStringLiteral("models: model %1 has format %2, this version reads %3: train again")
                     .arg(id)
                     .arg(query.value(8).toInt())
                     .arg(RuntimeModel::FormatVersion);
        return {};
    }
    RuntimeModel model = RuntimeModel::deserialize(query.value(9).toByteArray(), error);
    if (!model.isValid()) {
        *error = QStringLiteral("models: model %1: %2").arg(id).arg(*error);
        return {};
    }
    model.id = id;
    model.features = stringsOf(query.value(1).toString());
    model.hyperparameters = QJsonDocument::fromJson(query.value(2).toString().toUtf8()).object();
    for (const QJsonValue& queue : model.hyperparameters.value(QStringLiteral("queues")).toArray())
        model.queues.append(queue.toString());
    model.metrics = QJsonDocument::fromJson(query.value(3).toString().toUtf8()).object();
    model.importance = QJsonDocument::fromJson(query.value(4).toString().toUtf8()).array();
    model.windowFromMs = query.value(5).toLongLong();
    model.windowToMs = query.value(6).toLongLong();
    model.jobCount = query.value(7).toLongLong();
    if (model.features.size() != model.featureCount()) {
        *error = QStringLiteral("models: model %1 lists %2 features but its payload expects %3")
                     .arg(id)
                     .arg(model.features.size())
                     .arg(model.featureCount());
        return {};
    }
    return model;
}

std::optional<qint64> ModelStore::activeJobCount(QString* error)
{
    QSqlQuery query(m_db);
    if (!query.exec(QStringLiteral("SELECT job_count FROM models WHERE active <> 0 ORDER BY id DESC LIMIT 1"))) {
        *error = QStringLiteral("models: %1").arg(query.lastError().text());
        return std::nullopt;
    }
    if (!query.next())
        return std::nullopt;
    return query.value(0).toLongLong();
}

bool ModelStore::needsRetrain(qint64 completedJobs, double growth, QString* error)
{
    const std::optional<qint64> trainedOn = activeJobCount(error);
    if (!trainedOn)
        return true;
    return double(completedJobs) >= double(*trainedOn) * growth;
}

bool ModelStore::savePrediction(qint64 jobRowId, qint64 modelId, const RuntimePrediction& prediction, QString* error)
{
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("DELETE FROM predictions WHERE job_row_id = ? AND model_id = ?"));
    query.addBindValue(jobRowId);
    query.addBindValue(modelId);
    if (query.exec()) {
        query.prepare(QStringLiteral(
            "INSERT INTO predictions (job_row_id, model_id, predicted_ms, low_ms, high_ms) VALUES (?, ?, ?, ?, ?)"));
        query.addBindValue(jobRowId);
        query.addBindValue(modelId);
        query.addBindValue(prediction.predictedMs);
        query.addBindValue(prediction.lowMs);
        query.addBindValue(prediction.highMs);
        if (query.exec())
            return true;
    }
    *error = QStringLiteral("predictions: %1").arg(query.lastError().text());
    return false;
}

bool ModelStore::savePredictions(
    qint64 modelId, const std::vector<std::pair<qint64, RuntimePrediction>>& batch, QString* error)
{
    if (!m_db.transaction()) {
        *error = QStringLiteral("predictions: cannot start a transaction: %1").arg(m_db.lastError().text());
        return false;
    }
    QSqlQuery query(m_db);
    // ON CONFLICT ... DO UPDATE: SQLite 3.24+ and PostgreSQL alike.
    if (!query.prepare(QStringLiteral(
            "INSERT INTO predictions (job_row_id, model_id, predicted_ms, low_ms, high_ms) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT (job_row_id, model_id) DO UPDATE SET predicted_ms = excluded.predicted_ms, "
            "low_ms = excluded.low_ms, high_ms = excluded.high_ms"))) {
        *error = QStringLiteral("predictions: %1").arg(query.lastError().text());
        m_db.rollback();
        return false;
    }
    for (const auto& [rowId, prediction] : batch) {
        query.bindValue(0, rowId);
        query.bindValue(1, modelId);
        query.bindValue(2, prediction.predictedMs);
        query.bindValue(3, prediction.lowMs);
        query.bindValue(4, prediction.highMs);
        if (!query.exec()) {
            *error = QStringLiteral("predictions: job row %1: %2").arg(rowId).arg(query.lastError().text());
            m_db.rollback();
            return false;
        }
    }
    if (!m_db.commit()) {
        *error = QStringLiteral("predictions: commit: %1").arg(m_db.lastError().text());
        m_db.rollback();
        return false;
    }
    return true;
}

bool ModelStore::deletePredictionsExcept(qint64 modelId, QString* error)
{
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("DELETE FROM predictions WHERE model_id <> ?"));
    query.addBindValue(modelId);
    if (!query.exec()) {
        *error = QStringLiteral("predictions: removing old ones: %1").arg(query.lastError().text());
        return false;
    }
    return true;
}

std::optional<qint64> ModelStore::predictionCount(qint64 modelId, QString* error)
{
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("SELECT COUNT(*) FROM predictions WHERE model_id = ?"));
    query.addBindValue(modelId);
    if (!query.exec() || !query.next()) {
        *error = QStringLiteral("predictions: %1").arg(query.lastError().text());
        return std::nullopt;
    }
    return query.value(0).toLongLong();
}

} // namespace dopt
