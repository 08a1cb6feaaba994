#include "dremiocatalogrepository.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace dopt {

namespace {

QVariant optionalValue(const std::optional<qint64>& value)
{
    return value ? QVariant(*value) : QVariant(QMetaType::fromType<qint64>());
}

bool run(QSqlQuery& query, const QString& what, QString* error)
{
    if (query.exec())
        return true;
    if (error)
        *error = QStringLiteral("%1: %2").arg(what, query.lastError().text());
    return false;
}

// A null QString binds as SQL NULL; the text columns are NOT NULL with '' for "none".
QString text(const QString& value)
{
    return value.isNull() ? QStringLiteral("") : value;
}

QString fieldsJson(const QVector<DremioDatasetField>& fields)
{
    QJsonArray array;
    for (const DremioDatasetField& field : fields)
        array.append(QJsonObject {{QLatin1String("name"), field.name}, {QLatin1String("type"), field.type}});
    return QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Compact));
}

QVector<DremioDatasetField> fieldsOf(const QString& json)
{
    QVector<DremioDatasetField> fields;
    for (const QJsonValue& value : QJsonDocument::fromJson(json.toUtf8()).array()) {
        const QJsonObject field = value.toObject();
        fields.append(DremioDatasetField {
            field.value(QLatin1String("name")).toString(), field.value(QLatin1String("type")).toString()});
    }
    return fields;
}

} // namespace

double IcebergPartitionStats::skew() const
{
    const double mean = recordsPerPartition();
    return mean > 0 ? double(largestPartitionRecords) / mean : 0;
}

bool DremioCatalogRepository::upsertPartitionStats(qint64 sourceId, const IcebergPartitionStats& stats, QString* error)
{
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral(
        "INSERT INTO iceberg_partition_stats (source_id, dataset_path, partition_columns, partition_count, "
        "record_count, file_count, largest_partition, largest_partition_records, largest_partition_files, "
        "smallest_partition_records, max_partition_files, collected_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (source_id, dataset_path) DO UPDATE SET partition_columns = excluded.partition_columns, "
        "partition_count = excluded.partition_count, record_count = excluded.record_count, "
        "file_count = excluded.file_count, largest_partition = excluded.largest_partition, "
        "largest_partition_records = excluded.largest_partition_records, "
        "largest_partition_files = excluded.largest_partition_files, "
        "smallest_partition_records = excluded.smallest_partition_records, "
        "max_partition_files = excluded.max_partition_files, collected_ms = excluded.collected_ms"));
    query.addBindValue(sourceId);
    query.addBindValue(stats.datasetPath);
    query.addBindValue(text(stats.partitionColumns.join(QLatin1Char(','))));
    query.addBindValue(stats.partitionCount);
    query.addBindValue(stats.recordCount);
    query.addBindValue(stats.fileCount);
    query.addBindValue(text(stats.largestPartition));
    query.addBindValue(stats.largestPartitionRecords);
    query.addBindValue(stats.largestPartitionFiles);
    query.addBindValue(stats.smallestPartitionRecords);
    query.addBindValue(stats.maxPartitionFiles);
    query.addBindValue(stats.collectedMs);
    return run(query, QStringLiteral("storing the partition statistics of %1").arg(stats.datasetPath), error);
}

QVector<IcebergPartitionStats> DremioCatalogRepository::partitionStats(qint64 sourceId, QString* error)
{
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral(
        "SELECT dataset_path, partition_columns, partition_count, record_count, file_count, largest_partition, "
        "largest_partition_records, largest_partition_files, smallest_partition_records, max_partition_files, "
        "collected_ms FROM iceberg_partition_stats WHERE ? < 0 OR source_id = ? ORDER BY dataset_path, source_id"));
    query.addBindValue(sourceId);
    query.addBindValue(sourceId);
    QVector<IcebergPartitionStats> all;
    if (!run(query, QStringLiteral("reading the Iceberg partition statistics"), error))
        return all;
    while (query.next()) {
        IcebergPartitionStats stats;
        stats.datasetPath = query.value(0).toString();
        stats.partitionColumns = query.value(1).toString().split(QLatin1Char(','), Qt::SkipEmptyParts);
        stats.partitionCount = query.value(2).toLongLong();
        stats.recordCount = query.value(3).toLongLong();
        stats.fileCount = query.value(4).toLongLong();
        stats.largestPartition = query.value(5).toString();
        stats.largestPartitionRecords = query.value(6).toLongLong();
        stats.largestPartitionFiles = query.value(7).toLongLong();
        stats.smallestPartitionRecords = query.value(8).toLongLong();
        stats.maxPartitionFiles = query.value(9).toLongLong();
        stats.collectedMs = query.value(10).toLongLong();
        all.append(stats);
    }
    return all;
}

bool DremioCatalogRepository::upsertDataset(qint64 sourceId, const DremioCatalogEntry& entry, QString* error)
{
    QSqlQuery query(m_db);
    if (entry.status == QLatin1String("gone")) {
        // What was known stays readable; the mark says it is no longer on the server.
        query.prepare(QStringLiteral(
            "INSERT INTO datasets (source_id, path, catalog_status, catalog_fetched_ms) VALUES (?, ?, 'gone', ?) "
            "ON CONFLICT (source_id, path) DO UPDATE SET catalog_status = 'gone', "
            "catalog_fetched_ms = excluded.catalog_fetched_ms"));
        query.addBindValue(sourceId);
        query.addBindValue(entry.datasetPath);
        query.addBindValue(entry.fetchedMs);
        return run(query, QStringLiteral("marking dataset %1 as gone").arg(entry.datasetPath), error);
    }
    query.prepare(QStringLiteral(
        "INSERT INTO datasets (source_id, path, kind, format, definition, catalog_id, field_count, fields, "
        "created_ms, tag, catalog_status, catalog_fetched_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (source_id, path) DO UPDATE SET kind = excluded.kind, format = excluded.format, "
        "definition = excluded.definition, catalog_id = excluded.catalog_id, field_count = excluded.field_count, "
        "fields = excluded.fields, created_ms = excluded.created_ms, tag = excluded.tag, "
        "catalog_status = excluded.catalog_status, catalog_fetched_ms = excluded.catalog_fetched_ms"));
    query.addBindValue(sourceId);
    query.addBindValue(entry.datasetPath);
    query.addBindValue(text(entry.type));
    query.addBindValue(text(entry.format));
    query.addBindValue(text(entry.sql));
    query.addBindValue(text(entry.catalogId));
    query.addBindValue(int(entry.fields.size()));
    query.addBindValue(fieldsJson(entry.fields));
    query.addBindValue(optionalValue(entry.createdMs));
    query.addBindValue(text(entry.tag));
    query.addBindValue(text(entry.status));
    query.addBindValue(entry.fetchedMs);
    return run(query, QStringLiteral("storing the catalog entry of %1").arg(entry.datasetPath), error);
}

QVector<DremioCatalogEntry> DremioCatalogRepository::selectDatasets(
    const QString& where, const QVariantList& values, QString* error)
{
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("SELECT path, catalog_id, kind, format, definition, fields, created_ms, tag, "
                                 "catalog_status, catalog_fetched_ms FROM datasets WHERE catalog_status <> '' AND ")
        + where);
    for (const QVariant& value : values)
        query.addBindValue(value);
    QVector<DremioCatalogEntry> entries;
    if (!run(query, QStringLiteral("reading the dataset catalog entries"), error))
        return entries;
    while (query.next()) {
        DremioCatalogEntry entry;
        entry.datasetPath = query.value(0).toString();
        entry.catalogId = query.value(1).toString();
        entry.type = query.value(2).toString();
        entry.format = query.value(3).toString();
        entry.sql = query.value(4).toString();
        entry.fields = fieldsOf(query.value(5).toString());
        if (!query.value(6).isNull())
            entry.createdMs = query.value(6).toLongLong();
        entry.tag = query.value(7).toString();
        entry.status = query.value(8).toString();
        entry.fetchedMs = query.value(9).toLongLong();
        entries.append(entry);
    }
    return entries;
}

QVector<DremioCatalogEntry> DremioCatalogRepository::datasets(qint64 sourceId, QString* error)
{
    return selectDatasets(QStringLiteral("source_id = ? ORDER BY path"), {sourceId}, error);
}

QVector<DremioCatalogEntry> DremioCatalogRepository::datasetsOfJob(qint64 jobRowId, QString* error)
{
    QSqlQuery job(m_db);
    job.prepare(QStringLiteral("SELECT source_id, datasets FROM jobs WHERE id = ?"));
    job.addBindValue(jobRowId);
    if (!run(job, QStringLiteral("reading the datasets of job row %1").arg(jobRowId), error) || !job.next())
        return {};
    const QStringList paths = job.value(1).toString().split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    if (paths.isEmpty() || job.value(0).isNull())
        return {};
    const QVector<DremioCatalogEntry> known = selectDatasets(QStringLiteral("source_id = ?"), {job.value(0)}, error);
    QVector<DremioCatalogEntry> ordered;
    for (const QString& path : paths) {
        for (const DremioCatalogEntry& entry : known) {
            if (entry.datasetPath == path) {
                ordered.append(entry);
                break;
            }
        }
    }
    return ordered;
}

} // namespace dopt
