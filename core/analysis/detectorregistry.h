#pragma once

#include "detector.h"

#include <memory>
#include <vector>

namespace dopt {

/// The detectors the analysis runs, in a stable order.
class DetectorRegistry
{
public:
    /// Every detector the product ships.
    static const std::vector<std::unique_ptr<Detector>>& all();
    /// The detector with this id, nullptr when unknown.
    static const Detector* find(const QString& id);
    static QStringList ids();
};

} // namespace dopt
