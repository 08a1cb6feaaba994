#pragma once

#include "detector.h"

namespace dopt {

/// nested_loop_join: a nested-loop join over inputs large enough to matter (usually a missing equality condition).
class NestedLoopJoinDetector : public Detector
{
public:
    QString id() const override { return QStringLiteral("nested_loop_join"); }
    AnalysisText description() const override;
    QVector<Finding> detect(const DetectorInput& input) const override;
};

} // namespace dopt
