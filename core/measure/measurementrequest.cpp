#include "measure/measurementrequest.h"

#include "analysis/recommendation.h"
#include "measure/readonlystatement.h"

#include <QJsonArray>
#include <QRegularExpression>

namespace dopt {

QString MeasurementRequest::kindName(Kind kind)
{
    switch (kind) {
    case Kind::CreateIndex:
        return QStringLiteral("create_index");
    case Kind::DropIndex:
        return QStringLiteral("drop_index");
    case Kind::ParameterChange:
        return QStringLiteral("parameter_change");
    case Kind::SqlRewrite:
        return QStringLiteral("sql_rewrite");
    }
    return {};
}

std::optional<MeasurementRequest::Kind> MeasurementRequest::kindFromName(const QString& name)
{
    for (Kind kind : {Kind::CreateIndex, Kind::DropIndex, Kind::ParameterChange, Kind::SqlRewrite})
        if (kindName(kind) == name)
            return kind;
    return std::nullopt;
}

QString MeasurementRequest::indexNameOf(const QString& statement)
{
    static const QRegularExpression pattern(
        QStringLiteral(R"(\bINDEX\s+(?:CONCURRENTLY\s+)?(?:IF\s+(?:NOT\s+)?EXISTS\s+)?("[^"]+"|[\w.$]+))"),
        QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch match = pattern.match(statement);
    if (!match.hasMatch() || match.captured(1).compare(QLatin1String("ON"), Qt::CaseInsensitive) == 0)
        return {};
    return match.captured(1);
}

bool MeasurementRequest::validate(QString* error) const
{
    QString reason;
    if (!ReadOnlyStatement::check(sqlBefore, &reason)) {
        *error = QStringLiteral("measured statement refused: %1").arg(reason);
        return false;
    }
    if (kind == Kind::SqlRewrite && !ReadOnlyStatement::check(afterSql(), &reason)) {
        *error = QStringLiteral("rewritten statement refused: %1").arg(reason);
        return false;
    }
    if ((kind == Kind::CreateIndex || kind == Kind::DropIndex) && indexName.isEmpty()) {
        *error = QStringLiteral("no index name in the statements of this %1 action").arg(kindName(kind));
        return false;
    }
    if (kind == Kind::CreateIndex && applyStatements.isEmpty()) {
        *error = QStringLiteral("no CREATE INDEX statement to apply");
        return false;
    }
    if (kind == Kind::ParameterChange && settings.isEmpty()) {
        *error = QStringLiteral("no setting to change");
        return false;
    }
    static const QRegularExpression settingPattern(
        QStringLiteral(R"(^\s*[A-Za-z_][\w.]*\s*(=|TO)\s*[^;]+$)"), QRegularExpression::CaseInsensitiveOption);
    for (const QString& setting : settings) {
        if (!settingPattern.match(setting).hasMatch()) {
            *error = QStringLiteral("not a setting assignment: '%1' (expected name = value)").arg(setting);
            return false;
        }
    }
    if (runs < 2 || warmupRuns < 0 || statementTimeoutMs <= 0) {
        *error
            = QStringLiteral("at least 2 runs per variant and a positive timeout are needed (runs %1, timeout %2 ms)")
                  .arg(runs)
                  .arg(statementTimeoutMs);
        return false;
    }
    return true;
}

QString MeasurementRequest::describe() const
{
    QStringList lines;
    lines << QStringLiteral("action: %1").arg(kindName(kind));
    lines << QStringLiteral("apply:");
    for (const QString& statement : applyStatements)
        lines << QStringLiteral("  ") + statement + QLatin1Char(';');
    if (applyStatements.isEmpty())
        lines << QStringLiteral("  (nothing persistent)");
    lines << QStringLiteral("undo:");
    for (const QString& statement : undoStatements)
        lines << QStringLiteral("  ") + statement + QLatin1Char(';');
    if (kind == Kind::ParameterChange)
        lines << QStringLiteral("settings for the after runs (SET LOCAL): ") + settings.join(QStringLiteral(", "));
    lines << QStringLiteral("measured (%1 warm-up + %2 runs per variant, statement_timeout %3 ms, rolled back):")
                 .arg(warmupRuns)
                 .arg(runs)
                 .arg(statementTimeoutMs);
    lines << QStringLiteral("  before: ") + sqlBefore.simplified();
    if (kind == Kind::SqlRewrite)
        lines << QStringLiteral("  after:  ") + afterSql().simplified();
    if (kind == Kind::CreateIndex)
        lines << QStringLiteral("  before runs drop %1 inside a transaction that is rolled back").arg(indexName);
    if (kind == Kind::DropIndex)
        lines << QStringLiteral("  after runs drop %1 inside a transaction that is rolled back").arg(indexName);
    lines << (keep ? QStringLiteral("the change stays in place afterwards (revert with: revert MEASUREMENT_ID --yes)")
                   : QStringLiteral("the change is undone after measuring"));
    return lines.join(QLatin1Char('\n'));
}

std::optional<MeasurementRequest> MeasurementRequest::fromRecommendation(
    const Recommendation& recommendation, QString* error)
{
    if (!recommendation.engine.startsWith(QLatin1String("postgres"))) {
        *error = QStringLiteral("recommendation %1 is for %2: only PostgreSQL actions are measured here")
                     .arg(recommendation.id)
                     .arg(recommendation.engine);
        return std::nullopt;
    }
    MeasurementRequest request;
    request.recommendationId = recommendation.id;
    request.applyStatements = recommendation.applyStatements;
    request.undoStatements = recommendation.undoStatements;
    request.sqlBefore = recommendation.measureSql.isEmpty() ? recommendation.sqlBefore : recommendation.measureSql;
    request.predictedImprovementShare = recommendation.improvementShare;
    switch (recommendation.action) {
    case ActionKind::CreateIndex:
        request.kind = Kind::CreateIndex;
        break;
    case ActionKind::DropIndex:
        request.kind = Kind::DropIndex;
        break;
    case ActionKind::ParameterChange:
        request.kind = Kind::ParameterChange;
        for (const QJsonValue& setting : recommendation.definition.value(QLatin1String("settings")).toArray())
            request.settings.append(setting.toString());
        break;
    case ActionKind::SqlRewrite:
        request.kind = Kind::SqlRewrite;
        request.sqlBefore = recommendation.sqlBefore.isEmpty() ? recommendation.measureSql : recommendation.sqlBefore;
        request.sqlAfter = recommendation.sqlAfter;
        break;
    default:
        *error = QStringLiteral("recommendation %1 (%2) has no action that can be applied and measured")
                     .arg(recommendation.id)
                     .arg(recommendation.title);
        return std::nullopt;
    }
    request.indexName = recommendation.definition.value(QLatin1String("index")).toString();
    if (request.indexName.isEmpty() && !request.applyStatements.isEmpty())
        request.indexName = indexNameOf(request.applyStatements.first());
    return request;
}

} // namespace dopt
