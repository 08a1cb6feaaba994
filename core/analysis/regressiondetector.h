#pragma once

#include "detector.h"

namespace dopt {

/// regression: a run in a recent window that is significantly slower than its fingerprint's baseline.
class RegressionDetector : public Detector
{
public:
    QString id() const override { return QStringLiteral("regression"); }
    AnalysisText description() const override;
    QVector<Finding> detect(const DetectorInput& input) const override;
};

} // namespace dopt
