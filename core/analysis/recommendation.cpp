#include "recommendation.h"

#include "analysistextmatcher.h"

#include <QJsonArray>

namespace dopt {

QJsonObject Recommendation::toJson() const
{
    return QJsonObject {{QStringLiteral("id"), double(id)}, {QStringLiteral("key"), key},
        {QStringLiteral("detector"), detector}, {QStringLiteral("action"), actionKindName(action)},
        {QStringLiteral("engine"), engine}, {QStringLiteral("severity"), severityName(severity)},
        {QStringLiteral("confidence"), confidence}, {QStringLiteral("score"), score}, {QStringLiteral("rank"), rank},
        {QStringLiteral("title"), title}, {QStringLiteral("rationale"), rationale},
        {QStringLiteral("fingerprint"), fingerprint}, {QStringLiteral("dataset"), dataset},
        {QStringLiteral("frequency"), frequency}, {QStringLiteral("currentCostMs"), double(currentCostMs)},
        {QStringLiteral("improvementMs"), double(improvementMs)},
        {QStringLiteral("improvementShare"), improvementShare},
        {QStringLiteral("jobIds"), QJsonArray::fromStringList(jobIds)},
        {QStringLiteral("evidence"), evidenceToJson(evidence)}, {QStringLiteral("sqlBefore"), sqlBefore},
        {QStringLiteral("sqlAfter"), sqlAfter},
        {QStringLiteral("applyStatements"), QJsonArray::fromStringList(applyStatements)},
        {QStringLiteral("undoStatements"), QJsonArray::fromStringList(undoStatements)},
        {QStringLiteral("measureSql"), measureSql}, {QStringLiteral("definition"), definition},
        {QStringLiteral("status"), status}, {QStringLiteral("createdMs"), double(createdMs)},
        {QStringLiteral("updatedMs"), double(updatedMs)}};
}

QString Recommendation::makeKey(const QString& detector, const QString& fingerprint, const QString& target)
{
    return detector + QLatin1Char('|') + fingerprint + QLatin1Char('|') + target;
}

QStringList Recommendation::statuses()
{
    return {QLatin1String(StatusOpen), QLatin1String(StatusApplied), QLatin1String(StatusKept),
        QLatin1String(StatusReverted), QLatin1String(StatusDismissed)};
}

bool Recommendation::isValidStatus(QStringView status)
{
    return statuses().contains(status.toString());
}

} // namespace dopt

namespace dopt {

void Recommendation::appendRationale(const AnalysisText& sentence)
{
    if (rationaleText.isEmpty() && !rationale.isEmpty())
        rationaleText = AnalysisText::verbatim(rationale); // written without a template: kept as it is
    rationaleText.append(sentence);
    rationale = rationaleText.toString();
}

QJsonObject Recommendation::textTemplatesJson() const
{
    return namedTemplatesJson({{QStringLiteral("title"), titleText}, {QStringLiteral("rationale"), rationaleText}});
}

void Recommendation::setTextTemplatesJson(const QJsonObject& templates)
{
    titleText = storedAnalysisText(templates, QStringLiteral("title"), title);
    rationaleText = storedAnalysisText(templates, QStringLiteral("rationale"), rationale);
}

} // namespace dopt
