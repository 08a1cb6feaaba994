#pragma once

#include "detector.h"

namespace dopt {

/// partition_pruning: a scan reading many splits without a scan filter while a filter right above it discards most
/// rows. Splits and scan filters come from the plan's attributes (splits=[N], filters=, pruneCondition=...); with
/// the table's collected partition statistics (table_partitions), a scan that read less than half the table's
/// files counts as pruned and one that read most of them is reported with the partitions it read.
class PartitionPruningDetector : public Detector
{
public:
    QString id() const override { return QStringLiteral("partition_pruning"); }
    AnalysisText description() const override;
    QVector<Finding> detect(const DetectorInput& input) const override;

private:
    /// PostgreSQL: an Append / Merge Append scanning at least 4 partitions with the same filter, most of
    /// them returning no row and the filter keeping at most a quarter of the rows read: the filter on
    /// the partition key (wrapped in a function or cast, or a non-immutable expression) did not prune.
    QVector<Finding> detectPostgres(const DetectorInput& input) const;
};

} // namespace dopt
