#pragma once

#include "detector.h"

namespace dopt {

/// select_star: SELECT * over a scan that reads many bytes.
class SelectStarDetector : public Detector
{
public:
    QString id() const override { return QStringLiteral("select_star"); }
    AnalysisText description() const override;
    QVector<Finding> detect(const DetectorInput& input) const override;
};

} // namespace dopt
