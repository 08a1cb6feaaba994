#pragma once

#include "detector.h"

namespace dopt {

/// join_fanout: a join producing many times the rows of its larger input (duplicate keys, missing join column).
class JoinFanoutDetector : public Detector
{
public:
    QString id() const override { return QStringLiteral("join_fanout"); }
    AnalysisText description() const override;
    QVector<Finding> detect(const DetectorInput& input) const override;
};

} // namespace dopt
