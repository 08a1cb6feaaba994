#include "sources/postgres/postgrescollector.h"

#include "sources/postgres/pgconnection.h"
#include "store/sourcerepository.h"
#include "store/workspace.h"

#include <QDateTime>
#include <QJsonArray>

namespace dopt {

QJsonObject PgCollectResult::toJson() const
{
    return QJsonObject {
        {QStringLiteral("ok"), ok},
        {QStringLiteral("target"), target},
        {QStringLiteral("source_id"), sourceId},
        {QStringLiteral("snapshot_id"), snapshot.snapshotId},
        {QStringLiteral("statements"), snapshot.statements},
        {QStringLiteral("statements_changed"), snapshot.changed},
        {QStringLiteral("stats_reset"), snapshot.statsReset},
        {QStringLiteral("tables"), catalog.tables},
        {QStringLiteral("indexes"), catalog.indexes},
        {QStringLiteral("settings"), catalog.settings},
        {QStringLiteral("statements_explained"), advice.plansExplained},
        {QStringLiteral("recommendations"), advice.recommendations},
        {QStringLiteral("warnings"), QJsonArray::fromStringList(warnings)},
        {QStringLiteral("error"), error},
    };
}

PgCollectResult PostgresCollector::collect(Workspace& workspace, const QString& url, bool advise)
{
    PgCollectResult result;
    result.target = PgConnection::redactUrl(url);
    PgConnection server;
    if (!server.open(url, &result.error))
        return result;
    QSqlDatabase db = workspace.database();
    result.sourceId = SourceRepository(db).findOrCreate(
        QStringLiteral("postgres"), result.target, result.target, false, &result.error);
    if (result.sourceId < 0)
        return result;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    QString error;
    if (!PgStatementsCollector::collect(server, db, result.sourceId, now, &result.snapshot, &error))
        result.warnings.append(error); // the catalog is still worth having
    if (!PgCatalogCollector::collect(server, db, result.sourceId, now, &result.catalog, &error)) {
        result.error = error;
        return result;
    }
    if (advise) {
        result.advice = PostgresIndexAdvisor::run(server, db, result.sourceId);
        result.warnings += result.advice.warnings;
    }
    result.ok = true;
    return result;
}

} // namespace dopt
