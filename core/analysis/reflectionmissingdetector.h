#pragma once

#include "detector.h"

namespace dopt {

/// reflection_missing: A slow, frequent, unaccelerated query shape a raw or aggregation reflection would serve.
class ReflectionMissingDetector : public Detector
{
public:
    QString id() const override { return QStringLiteral("reflection_missing"); }
    AnalysisText description() const override;
    QVector<Finding> detect(const DetectorInput& input) const override;
};

} // namespace dopt
