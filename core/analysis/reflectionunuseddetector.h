#pragma once

#include "detector.h"

namespace dopt {

/// reflection_unused: A reflection no job chose over the window, with its footprint and refresh cost.
class ReflectionUnusedDetector : public Detector
{
public:
    QString id() const override { return QStringLiteral("reflection_unused"); }
    AnalysisText description() const override;
    QVector<Finding> detect(const DetectorInput& input) const override;
    QVector<Finding> detectWorkspace(const WorkspaceFacts& facts) const override;
};

} // namespace dopt
