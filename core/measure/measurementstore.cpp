#include "measure/measurementstore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace dopt {

namespace {

QString toJsonText(const QStringList& list)
{
    return QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(list)).toJson(QJsonDocument::Compact));
}

QStringList fromJsonText(const QString& text)
{
    QStringList list;
    for (const QJsonValue& value : QJsonDocument::fromJson(text.toUtf8()).array())
        list.append(value.toString());
    return list;
}

QVariant nullable(const std::optional<double>& value)
{
    return value ? QVariant(*value) : QVariant(QMetaType(QMetaType::Double));
}

QVariant nullable(const std::optional<qint64>& value)
{
    return value ? QVariant(*value) : QVariant(QMetaType(QMetaType::LongLong));
}

// The text columns are NOT NULL: a null QString is bound as "".
QString text(const QString& value)
{
    return value.isNull() ? QStringLiteral("") : value;
}

// measurements.measured_query: the JSON of the query, NULL when not recorded.
QVariant measuredQueryColumn(const std::optional<MeasuredQuery>& query)
{
    return query ? QVariant(QString::fromUtf8(QJsonDocument(query->toJson()).toJson(QJsonDocument::Compact)))
                 : QVariant(QMetaType(QMetaType::QString));
}

QJsonObject planAvailability(const QString& stored)
{
    const QString problem = MeasurementResult::planProblem(stored);
    QJsonObject json {{QStringLiteral("available"), !stored.isEmpty() && problem.isEmpty()}};
    if (!problem.isEmpty())
        json.insert(QStringLiteral("unavailable"), problem);
    return json;
}

bool run(QSqlQuery& query, const QString& what, QString* error)
{
    if (query.exec())
        return true;
    *error = QStringLiteral("%1: %2").arg(what, query.lastError().text().simplified());
    return false;
}

} // namespace

QJsonObject MeasurementResult::toJson() const
{
    QJsonObject json {{QStringLiteral("id"), id}, {QStringLiteral("recommendation_id"), recommendationId},
        {QStringLiteral("engine"), engine}, {QStringLiteral("target"), target}, {QStringLiteral("action"), action},
        {QStringLiteral("state"), state}, {QStringLiteral("verdict"), verdict}, {QStringLiteral("runs"), runs},
        {QStringLiteral("warmup_runs"), warmupRuns}, {QStringLiteral("applied"), applied},
        {QStringLiteral("error"), error}, {QStringLiteral("checksum_before"), checksumBefore},
        {QStringLiteral("checksum_after"), checksumAfter}};
    auto number = [&json](const char* name, std::optional<double> value) {
        json.insert(QLatin1String(name), value ? QJsonValue(*value) : QJsonValue());
    };
    number("speedup", summary ? std::optional(summary->speedup) : std::nullopt);
    number("speedup_ci_low", summary ? std::optional(summary->speedupCiLow) : std::nullopt);
    number("speedup_ci_high", summary ? std::optional(summary->speedupCiHigh) : std::nullopt);
    number("median_before_ms", summary ? std::optional(summary->medianBeforeMs) : std::nullopt);
    number("median_after_ms", summary ? std::optional(summary->medianAfterMs) : std::nullopt);
    number("p_value", summary ? std::optional(summary->pValue) : std::nullopt);
    number("measured_improvement_share", summary ? std::optional(summary->improvementShare()) : std::nullopt);
    number("predicted_improvement_share",
        predictedImprovementShare >= 0 ? std::optional(predictedImprovementShare) : std::nullopt);
    number("rows_before", rowsBefore ? std::optional(double(*rowsBefore)) : std::nullopt);
    number("rows_after", rowsAfter ? std::optional(double(*rowsAfter)) : std::nullopt);
    json.insert(QStringLiteral("apply_statements"), QJsonArray::fromStringList(applyStatements));
    json.insert(QStringLiteral("undo_statements"), QJsonArray::fromStringList(undoStatements));
    QJsonArray runArray;
    for (const MeasurementRun& run : runList)
        runArray.append(QJsonObject {{QStringLiteral("seq"), run.seq}, {QStringLiteral("variant"), run.variant},
            {QStringLiteral("warmup"), run.warmup}, {QStringLiteral("duration_ms"), run.durationMs},
            {QStringLiteral("rows"), run.rows}});
    json.insert(QStringLiteral("run_list"), runArray);
    json.insert(QStringLiteral("measuredQuery"), measuredQuery ? QJsonValue(measuredQuery->toJson()) : QJsonValue());
    json.insert(QStringLiteral("plan_before"), planAvailability(planBefore));
    json.insert(QStringLiteral("plan_after"), planAvailability(planAfter));
    return json;
}

QString MeasurementResult::planProblem(const QString& storedPlan)
{
    return QJsonDocument::fromJson(storedPlan.toUtf8()).object().value(QLatin1String("unavailable")).toString();
}

QString MeasurementResult::missingPlan(const QString& engine, const QString& why)
{
    return QString::fromUtf8(
        QJsonDocument(QJsonObject {{QStringLiteral("engine"), engine}, {QStringLiteral("unavailable"), why}})
            .toJson(QJsonDocument::Compact));
}

qint64 MeasurementStore::create(
    const MeasurementRequest& request, const QString& target, qint64 startedMs, QString* error)
{
    if (!m_db.transaction()) {
        *error = QStringLiteral("cannot start a transaction: %1").arg(m_db.lastError().text().simplified());
        return 0;
    }
    QSqlQuery insert(m_db);
    insert.prepare(QStringLiteral(
        "INSERT INTO measurements (recommendation_id, engine, target, state, runs, warmup_runs, "
        "predicted_improvement_share, started_ms, measured_query) VALUES (?, ?, ?, 'running', ?, ?, ?, ?, ?) "
        "RETURNING id"));
    insert.addBindValue(
        request.recommendationId > 0 ? QVariant(request.recommendationId) : QVariant(QMetaType(QMetaType::LongLong)));
    insert.addBindValue(request.engine);
    insert.addBindValue(target);
    insert.addBindValue(request.runs);
    insert.addBindValue(request.warmupRuns);
    insert.addBindValue(request.predictedImprovementShare >= 0 ? QVariant(request.predictedImprovementShare)
                                                               : QVariant(QMetaType(QMetaType::Double)));
    insert.addBindValue(startedMs);
    insert.addBindValue(measuredQueryColumn(request.recordedQuery()));
    if (!run(insert, QStringLiteral("cannot store the measurement"), error) || !insert.next()) {
        m_db.rollback();
        return 0;
    }
    const qint64 id = insert.value(0).toLongLong();
    insert.finish();
    QSqlQuery action(m_db);
    action.prepare(QStringLiteral("INSERT INTO measurement_actions (measurement_id, action, apply_statements, "
                                  "undo_statements, sql_before, sql_after, settings) VALUES (?, ?, ?, ?, ?, ?, ?)"));
    action.addBindValue(id);
    action.addBindValue(MeasurementRequest::kindName(request.kind));
    action.addBindValue(toJsonText(request.applyStatements));
    action.addBindValue(toJsonText(request.undoStatements));
    action.addBindValue(request.sqlBefore);
    action.addBindValue(request.afterSql());
    action.addBindValue(toJsonText(request.settings));
    if (!run(action, QStringLiteral("cannot store the measurement's action"), error) || !m_db.commit()) {
        m_db.rollback();
        return 0;
    }
    return id;
}

bool MeasurementStore::addRun(qint64 measurementId, const MeasurementRun& measured, QString* error)
{
    QSqlQuery insert(m_db);
    insert.prepare(QStringLiteral("INSERT INTO measurement_runs (measurement_id, seq, variant, warmup, duration_ms, "
                                  "row_count) VALUES (?, ?, ?, ?, ?, ?)"));
    insert.addBindValue(measurementId);
    insert.addBindValue(measured.seq);
    insert.addBindValue(measured.variant);
    insert.addBindValue(measured.warmup ? 1 : 0);
    insert.addBindValue(measured.durationMs);
    insert.addBindValue(measured.rows >= 0 ? QVariant(measured.rows) : QVariant(QMetaType(QMetaType::LongLong)));
    return run(insert, QStringLiteral("cannot store run %1").arg(measured.seq), error);
}

bool MeasurementStore::setStatements(
    qint64 measurementId, const QStringList& applyStatements, const QStringList& undoStatements, QString* error)
{
    QSqlQuery update(m_db);
    update.prepare(QStringLiteral(
        "UPDATE measurement_actions SET apply_statements = ?, undo_statements = ? WHERE measurement_id = ?"));
    update.addBindValue(toJsonText(applyStatements));
    update.addBindValue(toJsonText(undoStatements));
    update.addBindValue(measurementId);
    return run(update, QStringLiteral("cannot record the statements of the change"), error);
}

bool MeasurementStore::setApplied(qint64 measurementId, bool applied, std::optional<qint64> revertedMs, QString* error)
{
    QSqlQuery update(m_db);
    update.prepare(QStringLiteral("UPDATE measurements SET applied = ?, reverted_ms = COALESCE(?, reverted_ms) "
                                  "WHERE id = ?"));
    update.addBindValue(applied ? 1 : 0);
    update.addBindValue(nullable(revertedMs));
    update.addBindValue(measurementId);
    return run(update, QStringLiteral("cannot record the state of the change"), error);
}

bool MeasurementStore::finish(const MeasurementResult& result, QString* error)
{
    QSqlQuery update(m_db);
    update.prepare(QStringLiteral(
        "UPDATE measurements SET state = ?, verdict = ?, median_before_ms = ?, median_after_ms = ?, speedup = ?, "
        "speedup_ci_low = ?, speedup_ci_high = ?, p_value = ?, measured_improvement_share = ?, rows_before = ?, "
        "rows_after = ?, checksum_before = ?, checksum_after = ?, plan_before = ?, plan_after = ?, applied = ?, "
        "error = ?, ended_ms = ?, measured_query = COALESCE(?, measured_query) WHERE id = ?"));
    const std::optional<MeasurementSummary>& s = result.summary;
    update.addBindValue(text(result.state));
    update.addBindValue(text(result.verdict));
    update.addBindValue(nullable(s ? std::optional(s->medianBeforeMs) : std::nullopt));
    update.addBindValue(nullable(s ? std::optional(s->medianAfterMs) : std::nullopt));
    update.addBindValue(nullable(s ? std::optional(s->speedup) : std::nullopt));
    update.addBindValue(nullable(s ? std::optional(s->speedupCiLow) : std::nullopt));
    update.addBindValue(nullable(s ? std::optional(s->speedupCiHigh) : std::nullopt));
    update.addBindValue(nullable(s ? std::optional(s->pValue) : std::nullopt));
    update.addBindValue(nullable(s ? std::optional(s->improvementShare()) : std::nullopt));
    update.addBindValue(nullable(result.rowsBefore));
    update.addBindValue(nullable(result.rowsAfter));
    update.addBindValue(text(result.checksumBefore));
    update.addBindValue(text(result.checksumAfter));
    update.addBindValue(text(result.planBefore));
    update.addBindValue(text(result.planAfter));
    update.addBindValue(result.applied ? 1 : 0);
    update.addBindValue(text(result.error));
    update.addBindValue(nullable(result.endedMs));
    update.addBindValue(measuredQueryColumn(result.measuredQuery));
    update.addBindValue(result.id);
    return run(update, QStringLiteral("cannot store the measurement's result"), error);
}

std::optional<MeasurementResult> MeasurementStore::get(qint64 id, QString* error)
{
    QSqlQuery select(m_db);
    select.prepare(QStringLiteral(
        "SELECT m.recommendation_id, m.engine, m.target, m.state, m.verdict, m.runs, m.warmup_runs, "
        "m.median_before_ms, m.median_after_ms, m.speedup, m.speedup_ci_low, m.speedup_ci_high, m.p_value, "
        "m.predicted_improvement_share, m.rows_before, m.rows_after, m.checksum_before, m.checksum_after, "
        "m.plan_before, m.plan_after, m.applied, m.reverted_ms, m.error, m.started_ms, m.ended_ms, "
        "a.action, a.apply_statements, a.undo_statements, m.measured_query FROM measurements m "
        "LEFT JOIN measurement_actions a ON a.measurement_id = m.id WHERE m.id = ?"));
    select.addBindValue(id);
    if (!run(select, QStringLiteral("cannot read measurement %1").arg(id), error))
        return std::nullopt;
    if (!select.next())
        return std::nullopt;
    MeasurementResult result;
    result.id = id;
    result.recommendationId = select.value(0).toLongLong();
    result.engine = select.value(1).toString();
    result.target = select.value(2).toString();
    result.state = select.value(3).toString();
    result.verdict = select.value(4).toString();
    result.runs = select.value(5).toInt();
    result.warmupRuns = select.value(6).toInt();
    if (!select.value(9).isNull()) {
        MeasurementSummary summary;
        summary.medianBeforeMs = select.value(7).toDouble();
        summary.medianAfterMs = select.value(8).toDouble();
        summary.speedup = select.value(9).toDouble();
        summary.speedupCiLow = select.value(10).toDouble();
        summary.speedupCiHigh = select.value(11).toDouble();
        summary.pValue = select.value(12).toDouble();
        summary.verdict = result.verdict;
        result.summary = summary;
    }
    result.predictedImprovementShare = select.value(13).isNull() ? -1 : select.value(13).toDouble();
    if (!select.value(14).isNull())
        result.rowsBefore = select.value(14).toLongLong();
    if (!select.value(15).isNull())
        result.rowsAfter = select.value(15).toLongLong();
    result.checksumBefore = select.value(16).toString();
    result.checksumAfter = select.value(17).toString();
    result.planBefore = select.value(18).toString();
    result.planAfter = select.value(19).toString();
    result.applied = select.value(20).toInt() != 0;
    if (!select.value(21).isNull())
        result.revertedMs = select.value(21).toLongLong();
    result.error = select.value(22).toString();
    result.startedMs = select.value(23).toLongLong();
    if (!select.value(24).isNull())
        result.endedMs = select.value(24).toLongLong();
    result.action = select.value(25).toString();
    result.applyStatements = fromJsonText(select.value(26).toString());
    result.undoStatements = fromJsonText(select.value(27).toString());
    if (!select.value(28).isNull())
        result.measuredQuery
            = MeasuredQuery::fromJson(QJsonDocument::fromJson(select.value(28).toString().toUtf8()).object());

    QSqlQuery runs(m_db);
    runs.prepare(QStringLiteral("SELECT seq, variant, warmup, duration_ms, row_count FROM measurement_runs "
                                "WHERE measurement_id = ? ORDER BY seq"));
    runs.addBindValue(id);
    if (!run(runs, QStringLiteral("cannot read the runs of measurement %1").arg(id), error))
        return std::nullopt;
    while (runs.next())
        result.runList.append({runs.value(0).toInt(), runs.value(1).toString(), runs.value(2).toInt() != 0,
            runs.value(3).toDouble(), runs.value(4).isNull() ? -1 : runs.value(4).toLongLong()});
    return result;
}

QVector<qint64> MeasurementStore::ids(qint64 recommendationId, QString* error)
{
    QSqlQuery select(m_db);
    select.setForwardOnly(true);
    select.prepare(recommendationId > 0
            ? QStringLiteral("SELECT id FROM measurements WHERE recommendation_id = ? ORDER BY id DESC")
            : QStringLiteral("SELECT id FROM measurements ORDER BY id DESC"));
    if (recommendationId > 0)
        select.addBindValue(recommendationId);
    QVector<qint64> ids;
    if (!run(select, QStringLiteral("cannot list the measurements"), error))
        return ids;
    while (select.next())
        ids.append(select.value(0).toLongLong());
    return ids;
}

QHash<qint64, MeasurementResult> MeasurementStore::latestByRecommendation(QString* error)
{
    QSqlQuery select(m_db);
    select.setForwardOnly(true);
    select.prepare(QStringLiteral(
        "SELECT MAX(id) FROM measurements WHERE recommendation_id IS NOT NULL GROUP BY recommendation_id"));
    QHash<qint64, MeasurementResult> latest;
    if (!run(select, QStringLiteral("cannot list the measurements"), error))
        return latest;
    QVector<qint64> ids;
    while (select.next())
        ids.append(select.value(0).toLongLong());
    for (qint64 id : std::as_const(ids)) {
        std::optional<MeasurementResult> measurement = get(id, error);
        if (!measurement)
            return {};
        latest.insert(measurement->recommendationId, std::move(*measurement));
    }
    return latest;
}

} // namespace dopt
