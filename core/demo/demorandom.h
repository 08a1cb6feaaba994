#pragma once

#include <QtGlobal>
#include <random>

namespace dopt {

/// Seeded random numbers for the demo generator with distributions implemented here: the std::
/// distributions are not specified bit for bit and differ between standard libraries, while
/// std::mt19937_64's output sequence is, so the same seed gives the same workspace everywhere.
class DemoRandom
{
public:
    explicit DemoRandom(quint64 seed)
        : m_engine(seed)
    { }

    /// A well-mixed 64-bit value from two inputs (SplitMix64), to derive independent streams
    /// (one per job) from the main seed without consuming the main stream.
    static quint64 mix(quint64 a, quint64 b);

    quint64 next() { return m_engine(); }
    /// Uniform in [0, 1) with 53 random bits.
    double uniform() { return double(m_engine() >> 11) * (1.0 / 9007199254740992.0); }
    double uniform(double low, double high) { return low + (high - low) * uniform(); }
    /// Uniform integer in [low, high] (inclusive), without modulo bias.
    qint64 integer(qint64 low, qint64 high);
    bool chance(double probability) { return uniform() < probability; }
    /// Normal distribution by the Box-Muller transform (one value per call, nothing cached).
    double normal(double mean, double deviation);
    /// Log-normal given its median and the deviation of the underlying normal.
    double logNormal(double median, double sigma);
    /// Index drawn with the given non-negative weights; the last index when all are zero.
    int weighted(const double* weights, int count);
    template <typename Container> const auto& pick(const Container& items)
    {
        return items[qsizetype(integer(0, qint64(items.size()) - 1))];
    }

private:
    std::mt19937_64 m_engine;
};

} // namespace dopt
