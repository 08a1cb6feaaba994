#pragma once

#include "detector.h"

namespace dopt {

/// non_sargable: A function or cast on a filtered column hides it from partition pruning and min/max filtering.
class NonSargableDetector : public Detector
{
public:
    QString id() const override { return QStringLiteral("non_sargable"); }
    AnalysisText description() const override;
    QVector<Finding> detect(const DetectorInput& input) const override;
};

} // namespace dopt
