#pragma once

#include "detector.h"

namespace dopt {

/// memory_spill: a sort, aggregate or join that spilled to disk because its memory did not suffice.
class MemorySpillDetector : public Detector
{
public:
    QString id() const override { return QStringLiteral("memory_spill"); }
    QString description() const override;
    QVector<Finding> detect(const DetectorInput& input) const override;
};

} // namespace dopt
