// dremio-optimizer-cli measure / revert for Dremio recommendations (DremioMeasurer): the measure and
// revert commands of postgrescommands.cpp hand over here when the recommendation or measurement is
// a Dremio one. The token or password comes from the environment (DREMIO_PAT, or DREMIO_USER and
// DREMIO_PASSWORD), as for collect: never from the command line, never printed or stored.
#include "dremiomeasurecommands.h"

#include "analysis/recommendationstore.h"
#include "clisupport.h"
#include "measure/dremiomeasurer.h"
#include "measure/measuredquery.h"
#include "measure/measurementstore.h"
#include "measure/reflectionquerypicker.h"
#include "postgrescommands.h"
#include "store/workspace.h"

namespace dopt::cli {

namespace {

/// The first argument that is neither an option nor an option's value, as a positive id (0 when none).
qint64 firstId(const Arguments& args)
{
    const QStringList list = args.rest();
    for (qsizetype i = 0; i < list.size(); ++i) {
        if (list[i].startsWith(QLatin1String("--"))) {
            static const QStringList flags {
                QStringLiteral("--yes"), QStringLiteral("--apply"), QStringLiteral("--json")};
            if (!flags.contains(list[i]) && !list[i].contains(QLatin1Char('=')))
                ++i; // skip its value
            continue;
        }
        bool ok = false;
        const qint64 id = list[i].toLongLong(&ok);
        return ok && id > 0 ? id : 0;
    }
    return 0;
}

bool hasDremioOption(const Arguments& args)
{
    for (const QString& arg : args.rest())
        if (arg == QLatin1String("--dremio") || arg.startsWith(QLatin1String("--dremio=")))
            return true;
    return false;
}

/// --dremio URL (and --cloud-project), else the workspace's only Dremio Software source; the secret
/// from the environment.
bool dremioTarget(Workspace& workspace, const QString& given, const QString& project, DremioConnection* connection,
    QString* secret, QString* error)
{
    QString url;
    if (!targetLocation(workspace, given,
            {QStringLiteral("dremio-software"), QStringLiteral("Dremio"), QStringLiteral("--dremio")}, &url, error))
        return false;
    *connection = DremioConnection::fromUrl(url, project);
    return connection->validate(error) && dremioSecretFromEnvironment(connection, secret, error);
}

} // namespace

bool isDremioMeasure(Workspace& workspace, const Arguments& args)
{
    if (hasDremioOption(args))
        return true;
    const qint64 id = firstId(args);
    if (id <= 0)
        return false;
    const std::optional<Recommendation> recommendation = RecommendationStore(workspace.database()).get(id);
    return recommendation && recommendation->engine == QLatin1String("dremio");
}

bool isDremioRevert(Workspace& workspace, const Arguments& args)
{
    if (hasDremioOption(args))
        return true;
    const qint64 id = firstId(args);
    QString error;
    const std::optional<MeasurementResult> measurement
        = id > 0 ? MeasurementStore(workspace.database()).get(id, &error) : std::nullopt;
    return measurement && measurement->engine == QLatin1String("dremio");
}

int measureDremioCommand(Workspace& workspace, Arguments args)
{
    QString error;
    QString runsText;
    QString warmupText;
    QString timeoutText;
    QString refreshText;
    QString url;
    QString project;
    QString sql;
    const bool keep = args.takeFlag(QStringLiteral("--apply"));
    const bool yes = args.takeFlag(QStringLiteral("--yes"));
    const bool json = args.takeFlag(QStringLiteral("--json"));
    if (!args.takeValues({{QStringLiteral("--runs"), &runsText}, {QStringLiteral("--warmup"), &warmupText},
                             {QStringLiteral("--timeout-ms"), &timeoutText},
                             {QStringLiteral("--refresh-timeout-s"), &refreshText}, {QStringLiteral("--dremio"), &url},
                             {QStringLiteral("--cloud-project"), &project}, {QStringLiteral("--sql"), &sql}},
            &error))
        return fail(error);
    const std::optional<Recommendation> recommendation = recommendationArgument(workspace, args, &error);
    if (!recommendation)
        return fail(error);
    const qint64 recommendationId = recommendation->id;
    if (recommendation->engine != QLatin1String("dremio"))
        return fail(QStringLiteral("recommendation %1 is for %2, not Dremio: drop --dremio")
                        .arg(recommendationId)
                        .arg(recommendation->engine));
    std::optional<MeasurementRequest> request = MeasurementRequest::fromRecommendation(*recommendation, &error);
    if (!request)
        return fail(error);
    request->keep = keep;
    if (!sql.isEmpty())
        request->sqlBefore = sql;
    int refreshSeconds = request->refreshTimeoutMs / 1000;
    if (!parseRunOptions(runsText, warmupText, timeoutText, &*request, &error)
        || !parseCount(refreshText, QStringLiteral("--refresh-timeout-s"), 1, &refreshSeconds, &error))
        return fail(error);
    request->refreshTimeoutMs = refreshSeconds * 1000;
    MeasuredQuery measured
        = sql.isEmpty() ? MeasuredQuery::forRecommendation(*recommendation, *request) : MeasuredQuery::given(sql);
    if (request->kind == MeasurementRequest::Kind::DropReflection && request->sqlBefore.isEmpty()) {
        // The query it served most, from the workspace's acceleration records; --sql overrides.
        const std::optional<ReflectionQuery> picked
            = ReflectionQueryPicker::pick(workspace.database(), request->reflectionId, &error);
        if (!picked)
            return fail(error.isEmpty() ? QStringLiteral("recommendation %1 drops a reflection that no job of this "
                                                         "workspace had chosen or matched: give --sql with a query it "
                                                         "served, to measure with and without it")
                                              .arg(recommendationId)
                                        : error);
        err() << "query to measure (reflection " << request->reflectionId << ", " << picked->describe()
              << "; --sql names another):" << Qt::endl
              << "  " << picked->sql.simplified() << Qt::endl;
        request->sqlBefore = picked->sql;
        measured = MeasuredQuery::forReflection(*picked, request->reflectionId);
    }
    request->measuredQuery = measured;
    if (!dremioTarget(workspace, url, project, &request->dremio, &request->dremioSecret, &error))
        return fail(error);
    if (const std::optional<int> stop
        = refuseOrPreview(*request, recommendationId, yes, QString(), QStringLiteral("make these calls")))
        return *stop;
    return finishMeasurement(
        DremioMeasurer::measure(workspace.database(), *request, catchInterrupts(), printProgress), json);
}

int revertDremioCommand(Workspace& workspace, Arguments args)
{
    QString error;
    QString url;
    QString project;
    const bool yes = args.takeFlag(QStringLiteral("--yes"));
    if (!args.takeValues({{QStringLiteral("--dremio"), &url}, {QStringLiteral("--cloud-project"), &project}}, &error))
        return fail(error);
    const std::optional<MeasurementResult> measurement = measurementArgument(workspace, args, &error);
    if (!measurement)
        return fail(error);
    const qint64 measurementId = measurement->id;
    if (!yes)
        return showUndo(*measurement, QStringLiteral("Dremio at ") + (url.isEmpty() ? measurement->target : url), {});
    DremioConnection connection;
    QString secret;
    if (!dremioTarget(workspace, url, project, &connection, &secret, &error))
        return fail(error);
    if (!DremioMeasurer::revert(workspace.database(), measurementId, connection, secret, &error))
        return fail(error);
    out() << "measurement " << measurementId << " reverted" << Qt::endl;
    return ExitOk;
}

} // namespace dopt::cli
