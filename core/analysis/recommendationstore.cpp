#include "recommendationstore.h"

#include <QDateTime>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace dopt {

namespace {

const QString kColumns = QStringLiteral(
    "id, rec_key, detector, action, engine, severity, confidence, score, rank, title, rationale, fingerprint, "
    "dataset, frequency, current_cost_ms, improvement_ms, improvement_share, job_ids, evidence, sql_before, "
    "sql_after, apply_statements, undo_statements, measure_sql, definition, status, created_ms, updated_ms, "
    "text_templates");

// A null QString binds as SQL NULL; the text columns are NOT NULL with '' for "none".
QString text(const QString& value)
{
    return value.isNull() ? QStringLiteral("") : value;
}

QString compact(const QJsonArray& array)
{
    return QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Compact));
}

QString compact(const QJsonObject& object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

QStringList stringList(const QString& json)
{
    QStringList list;
    for (const QJsonValue& value : QJsonDocument::fromJson(json.toUtf8()).array())
        list.append(value.toString());
    return list;
}

bool sqlFailed(QString* error, const QString& what, const QSqlQuery& query)
{
    if (error)
        *error = QStringLiteral("recommendation store: %1: %2").arg(what, query.lastError().text());
    return false;
}

Recommendation fromRow(const QSqlQuery& q)
{
    Recommendation r;
    r.id = q.value(0).toLongLong();
    r.key = q.value(1).toString();
    r.detector = q.value(2).toString();
    r.action = actionKindFromName(q.value(3).toString()).value_or(ActionKind::Investigate);
    r.engine = q.value(4).toString();
    r.severity = Severity(std::clamp(q.value(5).toInt(), 1, 4));
    r.confidence = q.value(6).toDouble();
    r.score = q.value(7).toDouble();
    r.rank = q.value(8).toInt();
    r.title = q.value(9).toString();
    r.rationale = q.value(10).toString();
    r.fingerprint = q.value(11).toString();
    r.dataset = q.value(12).toString();
    r.frequency = q.value(13).toInt();
    r.currentCostMs = q.value(14).toLongLong();
    r.improvementMs = q.value(15).toLongLong();
    r.improvementShare = q.value(16).toDouble();
    r.jobIds = q.value(17).toString().split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    r.evidence = evidenceFromJson(QJsonDocument::fromJson(q.value(18).toString().toUtf8()).array());
    r.sqlBefore = q.value(19).toString();
    r.sqlAfter = q.value(20).toString();
    r.applyStatements = stringList(q.value(21).toString());
    r.undoStatements = stringList(q.value(22).toString());
    r.measureSql = q.value(23).toString();
    r.definition = QJsonDocument::fromJson(q.value(24).toString().toUtf8()).object();
    r.status = q.value(25).toString();
    r.createdMs = q.value(26).toLongLong();
    r.updatedMs = q.value(27).toLongLong();
    r.setTextTemplatesJson(textTemplatesFromColumn(q.value(28)));
    return r;
}

} // namespace

bool RecommendationStore::upsertOne(const Recommendation& r, qint64 nowMs, QString* error)
{
    if (r.key.isEmpty()) {
        if (error)
            *error = QStringLiteral("recommendation store: a %1 recommendation has no key").arg(r.detector);
        return false;
    }
    QSqlQuery query(m_db);
    // ON CONFLICT works on SQLite (>= 3.24) and PostgreSQL alike; status, id and created_ms are
    // deliberately not in the update list.
    if (!query.prepare(QStringLiteral(
            "INSERT INTO recommendations (rec_key, detector, action, engine, severity, confidence, score, rank, "
            "title, rationale, fingerprint, dataset, frequency, current_cost_ms, improvement_ms, "
            "improvement_share, job_ids, evidence, sql_before, sql_after, apply_statements, undo_statements, "
            "measure_sql, definition, status, created_ms, updated_ms, text_templates) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (rec_key) DO UPDATE SET detector = excluded.detector, action = excluded.action, "
            "engine = excluded.engine, severity = excluded.severity, confidence = excluded.confidence, "
            "score = excluded.score, title = excluded.title, rationale = excluded.rationale, "
            "fingerprint = excluded.fingerprint, dataset = excluded.dataset, frequency = excluded.frequency, "
            "current_cost_ms = excluded.current_cost_ms, improvement_ms = excluded.improvement_ms, "
            "improvement_share = excluded.improvement_share, job_ids = excluded.job_ids, "
            "evidence = excluded.evidence, sql_before = excluded.sql_before, sql_after = excluded.sql_after, "
            "apply_statements = excluded.apply_statements, undo_statements = excluded.undo_statements, "
            "measure_sql = excluded.measure_sql, definition = excluded.definition, "
            "updated_ms = excluded.updated_ms, text_templates = excluded.text_templates")))
        return sqlFailed(error, QStringLiteral("preparing the upsert"), query);
    const QString status
        = Recommendation::isValidStatus(r.status) ? r.status : QString::fromLatin1(Recommendation::StatusOpen);
    const QVariantList values {r.key, text(r.detector), actionKindName(r.action), text(r.engine), int(r.severity),
        r.confidence, r.score, r.rank, text(r.title), text(r.rationale), text(r.fingerprint), text(r.dataset),
        r.frequency, r.currentCostMs, r.improvementMs, r.improvementShare, text(r.jobIds.join(QLatin1Char('\n'))),
        compact(evidenceToJson(r.evidence)), text(r.sqlBefore), text(r.sqlAfter),
        compact(QJsonArray::fromStringList(r.applyStatements)), compact(QJsonArray::fromStringList(r.undoStatements)),
        text(r.measureSql), compact(r.definition), status, nowMs, nowMs,
        textTemplatesColumnValue(r.textTemplatesJson())};
    for (int i = 0; i < values.size(); ++i)
        query.bindValue(i, values[i]);
    if (!query.exec())
        return sqlFailed(error, QStringLiteral("writing recommendation %1").arg(r.key), query);
    return true;
}

bool RecommendationStore::rerank(QString* error)
{
    QSqlQuery query(m_db);
    if (!query.exec(QStringLiteral("SELECT id, rank FROM recommendations ORDER BY score DESC, severity DESC, id")))
        return sqlFailed(error, QStringLiteral("reading scores"), query);
    QVector<std::pair<qint64, int>> changes;
    int rank = 0;
    while (query.next()) {
        ++rank;
        if (query.value(1).toInt() != rank)
            changes.append({query.value(0).toLongLong(), rank});
    }
    QSqlQuery update(m_db);
    if (!update.prepare(QStringLiteral("UPDATE recommendations SET rank = ? WHERE id = ?")))
        return sqlFailed(error, QStringLiteral("preparing the rank update"), update);
    for (const auto& [id, newRank] : changes) {
        update.bindValue(0, newRank);
        update.bindValue(1, id);
        if (!update.exec())
            return sqlFailed(error, QStringLiteral("updating ranks"), update);
    }
    return true;
}

bool RecommendationStore::replace(
    const QVector<Recommendation>& recommendations, QString* error, const QStringList& scopeDetectors)
{
    QSet<QString> keys;
    for (const Recommendation& r : recommendations) {
        if (keys.contains(r.key)) {
            if (error)
                *error = QStringLiteral("recommendation store: two recommendations share the key %1").arg(r.key);
            return false;
        }
        keys.insert(r.key);
    }
    if (!m_callerTransaction && !m_db.transaction()) {
        if (error)
            *error
                = QStringLiteral("recommendation store: cannot start a transaction: %1").arg(m_db.lastError().text());
        return false;
    }
    auto rollback = [&] {
        if (!m_callerTransaction)
            m_db.rollback();
        return false;
    };
    // Stale rows first, so a key that moved between detectors never collides.
    QSqlQuery existing(m_db);
    if (!existing.exec(QStringLiteral("SELECT id, rec_key, detector, status FROM recommendations")))
        return sqlFailed(error, QStringLiteral("reading stored keys"), existing) || rollback();
    QVector<qint64> stale;
    while (existing.next()) {
        const QString status = existing.value(3).toString();
        if (keys.contains(existing.value(1).toString()) || status == QLatin1String(Recommendation::StatusApplied)
            || status == QLatin1String(Recommendation::StatusKept))
            continue;
        if (!scopeDetectors.isEmpty() && !scopeDetectors.contains(existing.value(2).toString()))
            continue;
        stale.append(existing.value(0).toLongLong());
    }
    existing.finish();
    QSqlQuery remove(m_db);
    if (!remove.prepare(QStringLiteral("DELETE FROM recommendations WHERE id = ?")))
        return sqlFailed(error, QStringLiteral("preparing the delete"), remove) || rollback();
    for (qint64 id : std::as_const(stale)) {
        remove.bindValue(0, id);
        if (!remove.exec())
            return sqlFailed(error, QStringLiteral("deleting a stale recommendation"), remove) || rollback();
    }
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    for (const Recommendation& r : recommendations) {
        if (!upsertOne(r, now, error))
            return rollback();
    }
    if (!rerank(error))
        return rollback();
    if (!m_callerTransaction && !m_db.commit()) {
        if (error)
            *error = QStringLiteral("recommendation store: commit failed: %1").arg(m_db.lastError().text());
        return rollback();
    }
    return true;
}

qint64 RecommendationStore::upsert(const Recommendation& recommendation, QString* error)
{
    if (!m_db.transaction()) {
        if (error)
            *error
                = QStringLiteral("recommendation store: cannot start a transaction: %1").arg(m_db.lastError().text());
        return 0;
    }
    if (!upsertOne(recommendation, QDateTime::currentMSecsSinceEpoch(), error) || !rerank(error)) {
        m_db.rollback();
        return 0;
    }
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("SELECT id FROM recommendations WHERE rec_key = ?"));
    query.addBindValue(recommendation.key);
    if (!query.exec() || !query.next()) {
        sqlFailed(error, QStringLiteral("reading the id of %1").arg(recommendation.key), query);
        m_db.rollback();
        return 0;
    }
    const qint64 id = query.value(0).toLongLong();
    if (!m_db.commit()) {
        if (error)
            *error = QStringLiteral("recommendation store: commit failed: %1").arg(m_db.lastError().text());
        m_db.rollback();
        return 0;
    }
    return id;
}

QVector<Recommendation> RecommendationStore::list(const RecommendationFilter& filter, QString* error)
{
    QVector<Recommendation> out;
    QStringList conditions;
    QVariantList binds;
    auto addText = [&](const char* column, const QString& value) {
        if (value.isEmpty())
            return;
        conditions << QStringLiteral("%1 = ?").arg(QLatin1String(column));
        binds << value;
    };
    addText("detector", filter.detector);
    addText("dataset", filter.dataset);
    addText("status", filter.status);
    addText("engine", filter.engine);
    if (filter.minimumSeverity) {
        conditions << QStringLiteral("severity >= ?");
        binds << int(*filter.minimumSeverity);
    }
    QString sql = QStringLiteral("SELECT %1 FROM recommendations").arg(kColumns);
    if (!conditions.isEmpty())
        sql += QStringLiteral(" WHERE ") + conditions.join(QStringLiteral(" AND "));
    sql += QStringLiteral(" ORDER BY rank, id");
    if (filter.limit >= 0)
        sql += QStringLiteral(" LIMIT %1").arg(filter.limit);
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    if (!query.prepare(sql)) {
        sqlFailed(error, QStringLiteral("preparing the list"), query);
        return out;
    }
    for (const QVariant& value : std::as_const(binds))
        query.addBindValue(value);
    if (!query.exec()) {
        sqlFailed(error, QStringLiteral("listing recommendations"), query);
        return out;
    }
    while (query.next())
        out.append(fromRow(query));
    return out;
}

std::optional<Recommendation> RecommendationStore::get(qint64 id, QString* error)
{
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("SELECT %1 FROM recommendations WHERE id = ?").arg(kColumns));
    query.addBindValue(id);
    if (!query.exec()) {
        sqlFailed(error, QStringLiteral("reading recommendation %1").arg(id), query);
        return std::nullopt;
    }
    if (!query.next())
        return std::nullopt;
    return fromRow(query);
}

bool RecommendationStore::setStatus(qint64 id, const QString& status, QString* error)
{
    if (!Recommendation::isValidStatus(status)) {
        if (error)
            *error = QStringLiteral("recommendation store: unknown status '%1' (known: %2)")
                         .arg(status, Recommendation::statuses().join(QStringLiteral(", ")));
        return false;
    }
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("UPDATE recommendations SET status = ?, updated_ms = ? WHERE id = ?"));
    query.addBindValue(status);
    query.addBindValue(QDateTime::currentMSecsSinceEpoch());
    query.addBindValue(id);
    if (!query.exec())
        return sqlFailed(error, QStringLiteral("setting the status of %1").arg(id), query);
    if (query.numRowsAffected() != 1) {
        if (error)
            *error = QStringLiteral("recommendation store: no recommendation with id %1").arg(id);
        return false;
    }
    return true;
}

qint64 RecommendationStore::count(QString* error)
{
    QSqlQuery query(m_db);
    if (!query.exec(QStringLiteral("SELECT COUNT(*) FROM recommendations")) || !query.next()) {
        sqlFailed(error, QStringLiteral("counting"), query);
        return -1;
    }
    return query.value(0).toLongLong();
}

} // namespace dopt
