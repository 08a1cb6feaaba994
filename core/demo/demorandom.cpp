#include "demorandom.h"

#include <cmath>
#include <limits>
#include <numbers>

namespace dopt {

quint64 DemoRandom::mix(quint64 a, quint64 b)
{
    quint64 z = a + 0x9E3779B97F4A7C15ULL * (b + 1);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

qint64 DemoRandom::integer(qint64 low, qint64 high)
{
    if (high <= low)
        return low;
    const quint64 range = quint64(high - low) + 1;
    if (range == 0) // the full 64-bit range
        return qint64(m_engine());
    // Rejection sampling: discard the incomplete top slice so every value is equally likely.
    const quint64 limit = std::numeric_limits<quint64>::max() - std::numeric_limits<quint64>::max() % range;
    quint64 value = m_engine();
    while (value >= limit)
        value = m_engine();
    return low + qint64(value % range);
}

double DemoRandom::normal(double mean, double deviation)
{
    double u1 = uniform();
    while (u1 <= 0.0)
        u1 = uniform();
    const double u2 = uniform();
    return mean + deviation * std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
}

double DemoRandom::logNormal(double median, double sigma)
{
    return median * std::exp(normal(0.0, sigma));
}

int DemoRandom::weighted(const double* weights, int count)
{
    double total = 0;
    for (int i = 0; i < count; ++i)
        total += std::max(0.0, weights[i]);
    double target = uniform() * total;
    for (int i = 0; i < count; ++i) {
        target -= std::max(0.0, weights[i]);
        if (target < 0)
            return i;
    }
    return count - 1;
}

} // namespace dopt
