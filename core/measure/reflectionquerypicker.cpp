#include "measure/reflectionquerypicker.h"

#include "measure/measurementrequest.h"

#include <QDateTime>
#include <QSqlError>
#include <QSqlQuery>

namespace dopt {

QString ReflectionQuery::describe() const
{
    return QStringLiteral("job %1 (%2 in %3 runs, last %4 UTC)")
        .arg(jobId, relationship)
        .arg(runs)
        .arg(QDateTime::fromMSecsSinceEpoch(lastSubmittedMs, Qt::UTC).toString(QStringLiteral("yyyy-MM-dd HH:mm")));
}

QJsonObject ReflectionQuery::toJson() const
{
    return QJsonObject {{QStringLiteral("sql"), sql}, {QStringLiteral("job_id"), jobId},
        {QStringLiteral("relationship"), relationship}, {QStringLiteral("runs"), runs},
        {QStringLiteral("last_submitted_ms"), lastSubmittedMs}};
}

std::optional<ReflectionQuery> ReflectionQueryPicker::pick(QSqlDatabase db, const QString& reflectionId, QString* error)
{
    error->clear();
    QSqlQuery query(db);
    query.setForwardOnly(true);
    query.prepare(QStringLiteral(
        "SELECT j.sql_text, MAX(CASE WHEN UPPER(r.relationship) = 'CHOSEN' THEN 2 ELSE 1 END) AS strength, "
        "COUNT(*) AS runs, MAX(COALESCE(j.submitted_ms, 0)) AS last_ms FROM job_reflections r "
        "JOIN jobs j ON j.id = r.job_ref WHERE r.reflection_id = ? AND UPPER(r.relationship) IN ('CHOSEN', 'MATCHED') "
        "AND j.engine = 'dremio' AND j.state = 'COMPLETED' AND j.sql_text <> '' GROUP BY j.sql_text "
        "ORDER BY strength DESC, runs DESC, last_ms DESC LIMIT 50"));
    query.addBindValue(reflectionId);
    if (!query.exec()) {
        *error = QStringLiteral("reading the jobs that used reflection %1: %2")
                     .arg(reflectionId, query.lastError().text().simplified());
        return std::nullopt;
    }
    std::optional<ReflectionQuery> chosen;
    while (query.next() && !chosen) {
        const QString sql = query.value(0).toString();
        QString reason;
        if (!MeasurementRequest::isDremioReadOnly(sql, &reason))
            continue; // a CTAS or a refresh job: never timed
        ReflectionQuery found;
        found.sql = sql;
        found.relationship = query.value(1).toInt() == 2 ? QStringLiteral("CHOSEN") : QStringLiteral("MATCHED");
        found.runs = query.value(2).toInt();
        found.lastSubmittedMs = query.value(3).toLongLong();
        chosen = found;
    }
    if (!chosen)
        return std::nullopt;
    QSqlQuery latest(db);
    latest.prepare(QStringLiteral("SELECT j.job_id FROM job_reflections r JOIN jobs j ON j.id = r.job_ref WHERE "
                                  "r.reflection_id = ? AND j.sql_text = ? AND j.engine = 'dremio' "
                                  "ORDER BY COALESCE(j.submitted_ms, 0) DESC, j.id DESC LIMIT 1"));
    latest.addBindValue(reflectionId);
    latest.addBindValue(chosen->sql);
    if (latest.exec() && latest.next())
        chosen->jobId = latest.value(0).toString();
    return chosen;
}

} // namespace dopt
