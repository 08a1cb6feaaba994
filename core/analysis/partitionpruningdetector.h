#pragma once

#include "detector.h"

namespace dopt {

/// partition_pruning: a scan reading many splits without a scan filter while a filter right above it discards most
/// rows.
class PartitionPruningDetector : public Detector
{
public:
    QString id() const override { return QStringLiteral("partition_pruning"); }
    QString description() const override;
    QVector<Finding> detect(const DetectorInput& input) const override;
};

} // namespace dopt
