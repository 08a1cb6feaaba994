#pragma once

#include "detector.h"

namespace dopt {

/// unbounded_result: a query returning a very large result without LIMIT.
class UnboundedResultDetector : public Detector
{
public:
    QString id() const override { return QStringLiteral("unbounded_result"); }
    AnalysisText description() const override;
    QVector<Finding> detect(const DetectorInput& input) const override;
};

} // namespace dopt
