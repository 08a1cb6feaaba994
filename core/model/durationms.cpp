#include "durationms.h"

#include <cmath>

namespace dopt {

int DurationMs::decimals(double ms)
{
    // The thresholds sit where rounding to the shorter form reaches the next range: 9.96 ms is
    // "10 ms", not "10.0 ms"; 0.996 ms is "1.0 ms".
    if (!std::isfinite(ms) || ms <= 0 || ms >= 9.95 || ms == std::floor(ms))
        return 0;
    if (ms >= 0.995)
        return 1;
    if (ms >= 0.0995)
        return 2;
    return 3;
}

QString DurationMs::text(double ms)
{
    return QString::number(ms, 'f', decimals(ms));
}

} // namespace dopt
