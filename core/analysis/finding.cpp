#include "finding.h"

#include "analysistextmatcher.h"

#include <QJsonArray>

namespace dopt {

namespace {

constexpr const char* kSeverityNames[] = {"low", "medium", "high", "critical"};
constexpr const char* kActionNames[] = {"investigate", "sql_rewrite", "create_reflection", "drop_reflection",
    "optimize_table", "partition_filter", "parameter_change", "create_index", "drop_index"};

} // namespace

std::optional<double> Finding::evidenceValue(const QString& name) const
{
    for (const Evidence& item : evidence) {
        if (item.name == name)
            return item.value;
    }
    return std::nullopt;
}

QJsonArray Finding::evidenceJson() const
{
    return evidenceToJson(evidence);
}

QJsonArray evidenceToJson(const QVector<Evidence>& evidence)
{
    QJsonArray array;
    for (const Evidence& item : evidence)
        array.append(QJsonObject {{QStringLiteral("name"), item.name}, {QStringLiteral("value"), item.value},
            {QStringLiteral("unit"), item.unit}});
    return array;
}

QVector<Evidence> evidenceFromJson(const QJsonArray& array)
{
    QVector<Evidence> evidence;
    for (const QJsonValue& value : array) {
        const QJsonObject object = value.toObject();
        evidence.append({object.value(QStringLiteral("name")).toString(),
            object.value(QStringLiteral("value")).toDouble(), object.value(QStringLiteral("unit")).toString()});
    }
    return evidence;
}

QJsonObject Finding::toJson() const
{
    const QJsonArray evidenceArray = evidenceJson();
    return QJsonObject {{QStringLiteral("detector"), detectorId}, {QStringLiteral("severity"), severityName(severity)},
        {QStringLiteral("confidence"), confidence}, {QStringLiteral("title"), title},
        {QStringLiteral("evidence"), evidenceArray}, {QStringLiteral("improvementMs"), double(improvementMs)},
        {QStringLiteral("improvementShare"), improvementShare}, {QStringLiteral("fingerprint"), fingerprint},
        {QStringLiteral("jobIds"), QJsonArray::fromStringList(jobIds)}, {QStringLiteral("occurrences"), occurrences},
        {QStringLiteral("operatorKey"), operatorKey}, {QStringLiteral("sql"), sql},
        {QStringLiteral("recommendation"), recommendation}, {QStringLiteral("action"), actionKindName(action)}};
}

QString severityName(Severity severity)
{
    return QString::fromLatin1(kSeverityNames[int(severity) - 1]);
}

std::optional<Severity> severityFromName(QStringView name)
{
    for (int i = 0; i < 4; ++i) {
        if (name.compare(QLatin1String(kSeverityNames[i]), Qt::CaseInsensitive) == 0)
            return Severity(i + 1);
    }
    return std::nullopt;
}

QString actionKindName(ActionKind action)
{
    return QString::fromLatin1(kActionNames[int(action)]);
}

std::optional<ActionKind> actionKindFromName(QStringView name)
{
    for (int i = 0; i < int(std::size(kActionNames)); ++i) {
        if (name.compare(QLatin1String(kActionNames[i]), Qt::CaseInsensitive) == 0)
            return ActionKind(i);
    }
    return std::nullopt;
}

} // namespace dopt

namespace dopt {

QJsonObject Finding::textTemplatesJson() const
{
    return namedTemplatesJson(
        {{QStringLiteral("title"), titleText}, {QStringLiteral("recommendation"), recommendationText}});
}

void Finding::setTextTemplatesJson(const QJsonObject& templates)
{
    titleText = storedAnalysisText(templates, QStringLiteral("title"), title);
    recommendationText = storedAnalysisText(templates, QStringLiteral("recommendation"), recommendation);
}

} // namespace dopt
