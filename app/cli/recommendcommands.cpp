// dremio-optimizer-cli recommend: the ranked recommendations of the last analysis, with the
// statements to apply and undo them and the rewrite diffs.
#include "analysis/recommendationstore.h"
#include "clicommandregistry.h"
#include "clisupport.h"
#include "measure/measurementstore.h"
#include "sql/sqldiff.h"
#include "store/workspace.h"

#include <QJsonArray>
#include <QJsonObject>

namespace dopt::cli {

namespace {

int recommendCommand(Workspace& workspace, Arguments args)
{
    const bool json = args.takeFlag(QStringLiteral("--json"));
    RecommendationFilter filter;
    QString severity;
    QString limit;
    QString error;
    if (!args.takeValues({{QStringLiteral("--detector"), &filter.detector}, {QStringLiteral("--severity"), &severity},
                             {QStringLiteral("--dataset"), &filter.dataset},
                             {QStringLiteral("--status"), &filter.status}, {QStringLiteral("--limit"), &limit}},
            &error)
        || !args.noneLeft(QStringLiteral("recommend"), &error))
        return fail(error);
    if (!severity.isEmpty()) {
        filter.minimumSeverity = severityFromName(severity);
        if (!filter.minimumSeverity)
            return fail(QStringLiteral("--severity must be low, medium, high or critical, got '%1'").arg(severity));
    }
    if (!filter.status.isEmpty() && !Recommendation::isValidStatus(filter.status))
        return fail(QStringLiteral("--status must be one of %1, got '%2'")
                        .arg(Recommendation::statuses().join(QStringLiteral(", ")), filter.status));
    if (!limit.isEmpty()) {
        bool ok = false;
        filter.limit = limit.toInt(&ok);
        if (!ok || filter.limit < 0)
            return fail(QStringLiteral("--limit must be a number, got '%1'").arg(limit));
    }
    const QVector<Recommendation> recommendations = RecommendationStore(workspace.database()).list(filter, &error);
    if (!error.isEmpty())
        return fail(error);

    if (json) {
        const QHash<qint64, MeasurementResult> latest
            = MeasurementStore(workspace.database()).latestByRecommendation(&error);
        if (!error.isEmpty())
            return fail(error);
        QJsonArray array;
        for (const Recommendation& r : recommendations) {
            QJsonObject object = r.toJson();
            // The newest measurement with the query it timed (null when never measured).
            if (const auto measurement = latest.constFind(r.id); measurement != latest.cend()) {
                QJsonObject summary = measurement->toJson();
                summary.remove(QStringLiteral("run_list"));
                object.insert(QStringLiteral("latestMeasurement"), summary);
            } else {
                object.insert(QStringLiteral("latestMeasurement"), QJsonValue());
            }
            const SqlDiffResult diff
                = r.sqlAfter.isEmpty() ? SqlDiffResult {} : SqlDiff::compute(r.sqlBefore, r.sqlAfter);
            object.insert(QStringLiteral("diff"), r.sqlAfter.isEmpty() ? QString() : diff.unifiedText());
            object.insert(QStringLiteral("wordDiff"), r.sqlAfter.isEmpty() ? QString() : diff.wordDiffText());
            array.append(object);
        }
        printJson(QJsonObject {{QStringLiteral("recommendations"), array}});
        return ExitOk;
    }
    for (const Recommendation& r : recommendations) {
        out() << QStringLiteral("#%1 [%2] %3  score %4  (id %5, %6)")
                     .arg(r.rank)
                     .arg(severityName(r.severity), actionKindName(r.action))
                     .arg(r.score, 0, 'f', 1)
                     .arg(r.id)
                     .arg(r.status)
              << Qt::endl;
        out() << QStringLiteral("    %1").arg(r.title) << Qt::endl;
        if (!r.dataset.isEmpty())
            out() << QStringLiteral("    dataset: %1").arg(r.dataset) << Qt::endl;
        if (!r.rationale.isEmpty())
            out() << QStringLiteral("    why: %1").arg(r.rationale) << Qt::endl;
        for (const QString& statement : r.applyStatements)
            out() << QStringLiteral("    apply: %1").arg(statement) << Qt::endl;
        for (const QString& statement : r.undoStatements)
            out() << QStringLiteral("    undo:  %1").arg(statement) << Qt::endl;
        if (!r.sqlAfter.isEmpty()) {
            const QStringList lines = SqlDiff::compute(r.sqlBefore, r.sqlAfter).unifiedText().split(QLatin1Char('\n'));
            for (const QString& line : lines) {
                if (!line.isEmpty())
                    out() << QStringLiteral("    | ") << line << Qt::endl;
            }
        }
    }
    if (recommendations.isEmpty())
        err() << "no recommendations (run 'analyze' first)" << Qt::endl;
    return ExitOk;
}

const bool registered = CliCommandRegistry::add({QStringLiteral("recommend"),
    QStringLiteral("recommend [--json] [--detector ID] [--severity S] [--dataset D] [--status S] [--limit N]\n"
                   "    ranked recommendations of the last analysis: action, statements to apply and undo, rewrite "
                   "diff"),
    true, recommendCommand});

} // namespace

} // namespace dopt::cli
