#pragma once

#include "dremiocatalogrepository.h"

#include <QJsonObject>

namespace dopt {

/// Maps Dremio's catalog and Iceberg metadata answers to DremioCatalogEntry and
/// IcebergPartitionStats (reference/dremio.md §1.7 catalog, "Iceberg metadata table functions"),
/// and builds the requests for them.
class DremioCatalogReader
{
public:
    /// "space.folder.\"a.b\"" → {space, folder, a.b}: dots inside double quotes do not split.
    static QStringList splitPath(const QString& dottedPath);
    /// "catalog/by-path/space/folder/a.b" with each segment percent-encoded (for apiPath()).
    static QString byPathSuffix(const QString& dottedPath);
    /// A GET catalog/by-path answer; false with *error when it is not a dataset.
    static bool fromCatalogEntity(
        const QString& datasetPath, const QJsonObject& entity, DremioCatalogEntry* out, QString* error);

    /// One row over TABLE(table_partitions('<t>')): the largest partition with the totals as
    /// window aggregates (partition count, records, files, smallest partition, most files).
    static QString partitionStatsSql(const QString& datasetPath);
    /// Reads the row of partitionStatsSql() (numbers as numbers or strings); false without one.
    static bool partitionStatsFromRow(const QString& datasetPath, const QJsonObject& row, IcebergPartitionStats* out);
    /// Column names of a partition value: "{dt=2024-05-01, region=EU}" → {dt, region}; "{}" → {}.
    static QStringList partitionColumnsOf(const QString& partitionValue);
};

} // namespace dopt
