#include "dremioreflectionreader.h"

#include "sources/files/historydumpreader.h"

#include <QJsonArray>

namespace dopt {

namespace {

QString text(const QJsonObject& object, const char* key)
{
    const QJsonValue value = object.value(QLatin1String(key));
    return value.isString() ? value.toString() : QString();
}

std::optional<qint64> number(const QJsonObject& object, const char* key)
{
    return HistoryDumpReader::integerOf(object.value(QLatin1String(key)));
}

} // namespace

bool DremioReflectionReader::fromSystemTableRow(const QJsonObject& row, DremioReflection* out)
{
    DremioReflection reflection;
    reflection.reflectionId = text(row, "reflection_id");
    if (reflection.reflectionId.isEmpty())
        return false;
    reflection.name = text(row, "reflection_name");
    reflection.type = text(row, "type");
    reflection.datasetId = text(row, "dataset_id");
    reflection.datasetPath = text(row, "dataset_name");
    reflection.status = text(row, "status");
    reflection.refreshStatus = text(row, "refresh_status");
    reflection.consideredCount = number(row, "considered_count");
    reflection.matchedCount = number(row, "matched_count");
    reflection.chosenCount = number(row, "accelerated_count"); // "accelerated" = chosen
    reflection.footprintBytes = number(row, "total_footprint_bytes");
    if (!reflection.footprintBytes)
        reflection.footprintBytes = number(row, "current_footprint_bytes");
    reflection.lastRefreshDurationMs = number(row, "last_refresh_duration_millis");
    reflection.recordCount = number(row, "record_count");
    *out = reflection;
    return true;
}

bool DremioReflectionReader::fromRestObject(const QJsonObject& object, DremioReflection* out)
{
    DremioReflection reflection;
    reflection.reflectionId = text(object, "id");
    if (reflection.reflectionId.isEmpty())
        return false;
    reflection.name = text(object, "name");
    reflection.type = text(object, "type");
    if (reflection.type.isEmpty())
        reflection.type = text(object, "reflectionType"); // reflection-summary items
    reflection.datasetId = text(object, "datasetId");
    reflection.datasetPath = text(object, "datasetName");
    const QJsonObject status = object.value(QLatin1String("status")).toObject();
    reflection.status = text(status, "combinedStatus");
    reflection.refreshStatus = text(status, "refresh");
    if (reflection.refreshStatus.isEmpty())
        reflection.refreshStatus = text(status, "refreshStatus");
    reflection.consideredCount = number(object, "consideredCount");
    reflection.matchedCount = number(object, "matchedCount");
    reflection.chosenCount = number(object, "acceleratedCount");
    if (!reflection.chosenCount)
        reflection.chosenCount = number(object, "chosenCount");
    reflection.footprintBytes = number(object, "totalSizeBytes");
    if (!reflection.footprintBytes)
        reflection.footprintBytes = number(object, "currentSizeBytes");
    const auto duration = number(status, "lastRefreshDurationMillis");
    if (duration && *duration >= 0) // -1 means "never refreshed"
        reflection.lastRefreshDurationMs = duration;
    reflection.recordCount = number(object, "recordCount");
    *out = reflection;
    return true;
}

QVector<QPair<QString, QString>> DremioReflectionReader::relationshipsOfJobStatus(const QJsonObject& status)
{
    QVector<QPair<QString, QString>> result;
    const QJsonArray relationships = status.value(QLatin1String("acceleration"))
                                         .toObject()
                                         .value(QLatin1String("reflectionRelationships"))
                                         .toArray();
    for (const QJsonValue& value : relationships) {
        const QJsonObject relationship = value.toObject();
        const QString id = text(relationship, "reflectionId");
        const QString kind = text(relationship, "relationship").toUpper();
        if (!id.isEmpty() && !kind.isEmpty())
            result.append({id, kind});
    }
    return result;
}

} // namespace dopt
