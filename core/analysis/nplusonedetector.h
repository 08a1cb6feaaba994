#pragma once

#include "detector.h"

namespace dopt {

/// n_plus_one: one statement shape run hundreds of times in a short window, each run returning a few rows.
class NPlusOneDetector : public Detector
{
public:
    QString id() const override { return QStringLiteral("n_plus_one"); }
    AnalysisText description() const override;
    QVector<Finding> detect(const DetectorInput& input) const override;
};

} // namespace dopt
