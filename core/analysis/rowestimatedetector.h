#pragma once

#include "detector.h"

namespace dopt {

/// row_estimate: the planner's row estimate off by more than 10x on an operator that costs real time.
class RowEstimateDetector : public Detector
{
public:
    QString id() const override { return QStringLiteral("row_estimate"); }
    AnalysisText description() const override;
    QVector<Finding> detect(const DetectorInput& input) const override;
};

} // namespace dopt
