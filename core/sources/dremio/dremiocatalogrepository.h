#pragma once

#include <QSqlDatabase>
#include <QString>
#include <QStringList>
#include <QVector>
#include <optional>

namespace dopt {

/// Partition statistics of one Iceberg table (TABLE(table_partitions(...)) aggregated on the server).
struct IcebergPartitionStats
{
    QString datasetPath;
    QStringList partitionColumns; // empty: the table is not partitioned
    qint64 partitionCount = 0;
    qint64 recordCount = 0;
    qint64 fileCount = 0;
    QString largestPartition; // the partition value as Dremio prints it, e.g. {dt=2024-05-01}
    qint64 largestPartitionRecords = 0;
    qint64 largestPartitionFiles = 0;
    qint64 smallestPartitionRecords = 0;
    qint64 maxPartitionFiles = 0;
    qint64 collectedMs = 0;

    bool partitioned() const { return !partitionColumns.isEmpty() && partitionCount > 0; }
    double recordsPerPartition() const { return partitionCount > 0 ? double(recordCount) / partitionCount : 0; }
    double filesPerPartition() const { return partitionCount > 0 ? double(fileCount) / partitionCount : 0; }
    /// Records of the largest partition over the mean (1 = even); 0 when there is no partition.
    double skew() const;
};

/// One field of a dataset as the catalog lists it.
struct DremioDatasetField
{
    QString name;
    QString type; // type.name, e.g. VARCHAR, BIGINT, STRUCT
};

/// A dataset's catalog entry (GET .../catalog/by-path/...), or the fact that it is gone (404).
struct DremioCatalogEntry
{
    QString datasetPath; // dotted, as the history lists it
    QString catalogId;
    QString type; // PHYSICAL_DATASET, VIRTUAL_DATASET
    QString format; // format.type of tables: Iceberg, Parquet, Delta, ...
    QString sql; // views only
    QVector<DremioDatasetField> fields;
    std::optional<qint64> createdMs;
    QString tag;
    QString status; // found, gone
    qint64 fetchedMs = 0;

    bool isView() const { return type == QLatin1String("VIRTUAL_DATASET"); }
};

/// Reads and writes what a collect run learns about the datasets its history reads (schema 9):
/// iceberg_partition_stats and the catalog columns of datasets. Callers own transactions.
class DremioCatalogRepository
{
public:
    explicit DremioCatalogRepository(QSqlDatabase db)
        : m_db(std::move(db))
    { }

    bool upsertPartitionStats(qint64 sourceId, const IcebergPartitionStats& stats, QString* error);
    /// All sources' partition statistics (sourceId < 0) or one source's, by path.
    QVector<IcebergPartitionStats> partitionStats(qint64 sourceId, QString* error);

    /// Stores the entry; a gone dataset keeps what was known before and is only marked gone.
    bool upsertDataset(qint64 sourceId, const DremioCatalogEntry& entry, QString* error);
    QVector<DremioCatalogEntry> datasets(qint64 sourceId, QString* error);
    /// The catalog entries of the datasets a job names (its jobs.datasets), in the job's order;
    /// datasets without an entry are left out.
    QVector<DremioCatalogEntry> datasetsOfJob(qint64 jobRowId, QString* error);

private:
    QVector<DremioCatalogEntry> selectDatasets(const QString& where, const QVariantList& values, QString* error);

    QSqlDatabase m_db;
};

} // namespace dopt
