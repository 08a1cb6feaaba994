#include "dremiocatalogreader.h"

#include "util/saturatingcast.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QUrl>

namespace dopt {

namespace {

std::optional<qint64> numberOf(const QJsonObject& row, const char* name)
{
    const QJsonValue value = row.value(QLatin1String(name));
    if (value.isString()) {
        bool ok = false;
        const qint64 number = value.toString().toLongLong(&ok);
        return ok ? std::optional<qint64>(number) : std::nullopt;
    }
    if (value.isDouble())
        return roundToInt64(value.toDouble());
    return std::nullopt;
}

} // namespace

QStringList DremioCatalogReader::splitPath(const QString& dottedPath)
{
    QStringList parts;
    QString current;
    bool quoted = false;
    for (const QChar c : dottedPath) {
        if (c == QLatin1Char('"'))
            quoted = !quoted;
        else if (c == QLatin1Char('.') && !quoted) {
            parts.append(current);
            current.clear();
        } else
            current.append(c);
    }
    parts.append(current);
    return parts;
}

QString DremioCatalogReader::byPathSuffix(const QString& dottedPath)
{
    QStringList encoded;
    for (const QString& part : splitPath(dottedPath))
        encoded.append(QString::fromLatin1(QUrl::toPercentEncoding(part)));
    return QStringLiteral("catalog/by-path/") + encoded.join(QLatin1Char('/'));
}

bool DremioCatalogReader::fromCatalogEntity(
    const QString& datasetPath, const QJsonObject& entity, DremioCatalogEntry* out, QString* error)
{
    const QString entityType = entity.value(QLatin1String("entityType")).toString();
    const QString type = entity.value(QLatin1String("type")).toString();
    // Folders, sources and spaces share the endpoint; only datasets have fields.
    if (entityType != QLatin1String("dataset") && !type.endsWith(QLatin1String("_DATASET"))) {
        if (error)
            *error = QStringLiteral("%1 is not a dataset in the catalog (%2)")
                         .arg(datasetPath, entityType.isEmpty() ? type : entityType);
        return false;
    }
    DremioCatalogEntry entry;
    entry.datasetPath = datasetPath;
    entry.catalogId = entity.value(QLatin1String("id")).toString();
    entry.type = type;
    entry.format = entity.value(QLatin1String("format")).toObject().value(QLatin1String("type")).toString();
    entry.sql = entity.value(QLatin1String("sql")).toString();
    entry.tag = entity.value(QLatin1String("tag")).toString();
    const QDateTime created
        = QDateTime::fromString(entity.value(QLatin1String("createdAt")).toString(), Qt::ISODateWithMs);
    if (created.isValid())
        entry.createdMs = created.toMSecsSinceEpoch();
    for (const QJsonValue& value : entity.value(QLatin1String("fields")).toArray()) {
        const QJsonObject field = value.toObject();
        entry.fields.append(DremioDatasetField {field.value(QLatin1String("name")).toString(),
            field.value(QLatin1String("type")).toObject().value(QLatin1String("name")).toString()});
    }
    entry.status = QStringLiteral("found");
    *out = entry;
    return true;
}

QString DremioCatalogReader::partitionStatsSql(const QString& datasetPath)
{
    // table_partitions takes the table path as a string literal: double any single quote inside it.
    QString literal = datasetPath;
    literal.replace(QLatin1Char('\''), QStringLiteral("''"));
    // "partition" is a reserved word: quoted. One row, so the whole answer is one page however many
    // partitions the table has.
    return QStringLiteral("SELECT \"partition\" AS partition_value, record_count, file_count, "
                          "COUNT(*) OVER () AS partition_count, SUM(record_count) OVER () AS total_records, "
                          "SUM(file_count) OVER () AS total_files, MIN(record_count) OVER () AS min_records, "
                          "MAX(file_count) OVER () AS max_files "
                          "FROM TABLE(table_partitions('%1')) ORDER BY record_count DESC LIMIT 1")
        .arg(literal);
}

bool DremioCatalogReader::partitionStatsFromRow(
    const QString& datasetPath, const QJsonObject& row, IcebergPartitionStats* out)
{
    const auto count = numberOf(row, "partition_count");
    if (!count)
        return false;
    IcebergPartitionStats stats;
    stats.datasetPath = datasetPath;
    const QJsonValue value = row.value(QLatin1String("partition_value"));
    stats.largestPartition = value.isString() ? value.toString()
        : value.isObject() ? QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact))
                           : QString();
    if (value.isObject())
        stats.partitionColumns = value.toObject().keys();
    else
        stats.partitionColumns = partitionColumnsOf(stats.largestPartition);
    stats.partitionCount = *count;
    stats.recordCount = numberOf(row, "total_records").value_or(0);
    stats.fileCount = numberOf(row, "total_files").value_or(0);
    stats.largestPartitionRecords = numberOf(row, "record_count").value_or(0);
    stats.largestPartitionFiles = numberOf(row, "file_count").value_or(0);
    stats.smallestPartitionRecords = numberOf(row, "min_records").value_or(0);
    stats.maxPartitionFiles = numberOf(row, "max_files").value_or(0);
    *out = stats;
    return true;
}

QStringList DremioCatalogReader::partitionColumnsOf(const QString& partitionValue)
{
    // Values may hold commas themselves: a column starts only where "name=" follows a separator.
    static const QRegularExpression column(QStringLiteral("(?:^\\{?|,\\s*)([A-Za-z_][A-Za-z0-9_]*)="));
    QStringList columns;
    auto it = column.globalMatch(partitionValue.trimmed());
    while (it.hasNext()) {
        const QString name = it.next().captured(1);
        if (!columns.contains(name))
            columns.append(name);
    }
    return columns;
}

} // namespace dopt
