#pragma once

#include "detector.h"

namespace dopt {

/// thread_skew: an operator whose work falls on a few of its threads (Dremio's own skew rule, as the parser flags it).
class ThreadSkewDetector : public Detector
{
public:
    QString id() const override { return QStringLiteral("thread_skew"); }
    AnalysisText description() const override;
    QVector<Finding> detect(const DetectorInput& input) const override;
};

} // namespace dopt
