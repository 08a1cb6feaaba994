#pragma once

#include <QtGlobal>
#include <algorithm>
#include <cmath>

namespace dopt {

/// Rounds a number read from outside input (a log, a profile, a REST answer) to qint64. A plain
/// cast or qRound64 is undefined behaviour past the type's range, and fuzzed or corrupt files do
/// hold values such as 4e78: those saturate, and NaN reads as 0.
inline qint64 roundToInt64(double value)
{
    if (std::isnan(value))
        return 0;
    constexpr double limit = 9.0e18; // below 2^63, so the rounded value always fits
    return qint64(std::llround(std::clamp(value, -limit, limit)));
}

} // namespace dopt
