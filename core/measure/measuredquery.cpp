#include "measure/measuredquery.h"

#include "analysis/recommendation.h"
#include "measure/measurementrequest.h"
#include "measure/reflectionquerypicker.h"

#include <QDateTime>
#include <QStringList>

namespace dopt {

namespace {

/// Where the statement's parameter values came from, as the PostgreSQL index advisor notes it.
QString parameterNote(const QJsonObject& definition)
{
    const QString source = definition.value(QLatin1String("parameter_source")).toString();
    if (source == QLatin1String("log"))
        return QStringLiteral("; its literal values as a server log recorded them");
    if (source != QLatin1String("pg_stats"))
        return QString();
    QStringList values;
    const QJsonObject parameters = definition.value(QLatin1String("parameters")).toObject();
    for (auto it = parameters.begin(); it != parameters.end(); ++it)
        values << it.key() + QStringLiteral(" = ") + it.value().toString();
    return QStringLiteral("; parameter values from pg_stats (no logged execution): ")
        + values.join(QStringLiteral(", "));
}

} // namespace

QJsonObject MeasuredQuery::toJson() const
{
    QJsonObject json {
        {QStringLiteral("sql"), sql}, {QStringLiteral("reason"), reason}, {QStringLiteral("chosenBy"), chosenBy}};
    if (!jobId.isEmpty())
        json.insert(QStringLiteral("jobId"), jobId);
    return json;
}

MeasuredQuery MeasuredQuery::fromJson(const QJsonObject& json)
{
    return MeasuredQuery {json.value(QLatin1String("sql")).toString(), json.value(QLatin1String("jobId")).toString(),
        json.value(QLatin1String("reason")).toString(), json.value(QLatin1String("chosenBy")).toString()};
}

MeasuredQuery MeasuredQuery::forRecommendation(const Recommendation& recommendation, const MeasurementRequest& request)
{
    MeasuredQuery query;
    query.sql = request.sqlBefore;
    query.chosenBy = QStringLiteral("program");
    const QJsonObject& definition = recommendation.definition;
    const QString table = recommendation.dataset;
    const QString finding = QStringLiteral("the %1 finding").arg(recommendation.detector);
    using Kind = MeasurementRequest::Kind;
    switch (request.kind) {
    case Kind::DropIndex:
        // No statement uses the index: the one that costs most on its table shows a change if any.
        query.reason
            = QStringLiteral("the statement with the most total time among those reading %1 (%2 runs, %3 ms "
                             "in all, from %4): dropping an index nothing uses should leave it as fast")
                  .arg(table)
                  .arg(definition.value(QLatin1String("measure_calls")).toInteger())
                  .arg(qRound64(definition.value(QLatin1String("measure_total_ms")).toDouble()))
                  .arg(definition.value(QLatin1String("measure_source")).toString(QStringLiteral("the workspace")));
        return query;
    case Kind::CreateIndex:
        query.reason
            = QStringLiteral("the statement whose sequential scan of %1 the index is for (%2)").arg(table, finding);
        break;
    case Kind::ParameterChange:
        query.reason = QStringLiteral("the statement %1 is about, run with and without the setting").arg(finding);
        break;
    case Kind::SqlRewrite:
        query.reason = QStringLiteral("the original statement of %1; its rewrite is timed against it and must return "
                                      "the same rows")
                           .arg(finding);
        break;
    case Kind::CreateReflection:
        query.reason = QStringLiteral("the statement the reflection is planned for (%1)").arg(finding);
        break;
    case Kind::OptimizeTable:
        query.reason = QStringLiteral("a statement reading %1 (%2)").arg(request.table, finding);
        break;
    case Kind::DropReflection:
        query.reason = QStringLiteral("the statement of %1").arg(finding);
        break;
    }
    if (!recommendation.jobIds.isEmpty()) {
        query.jobId = recommendation.jobIds.first();
        query.reason += QStringLiteral(", as job %1 ran it").arg(query.jobId);
    }
    query.reason += parameterNote(definition);
    return query;
}

MeasuredQuery MeasuredQuery::forReflection(const ReflectionQuery& picked, const QString& reflectionId)
{
    MeasuredQuery query;
    query.sql = picked.sql;
    query.jobId = picked.jobId;
    query.chosenBy = QStringLiteral("program");
    query.reason = QStringLiteral("reflection %1 was %2 for this statement in %3 runs of the workspace (last %4 UTC): "
                                  "statements where it was CHOSEN come before those where it was only MATCHED, then "
                                  "the most runs, then the latest; only read-only statements qualify")
                       .arg(reflectionId, picked.relationship)
                       .arg(picked.runs)
                       .arg(QDateTime::fromMSecsSinceEpoch(picked.lastSubmittedMs, Qt::UTC)
                                .toString(QStringLiteral("yyyy-MM-dd HH:mm")));
    return query;
}

MeasuredQuery MeasuredQuery::given(const QString& sql, const QString& how)
{
    return MeasuredQuery {sql, QString(), how, QStringLiteral("user")};
}

} // namespace dopt
