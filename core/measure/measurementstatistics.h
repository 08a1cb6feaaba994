#pragma once

#include <QString>
#include <QVector>

namespace dopt {

/// The figures and the verdict of a before/after comparison of run times.
struct MeasurementSummary
{
    double medianBeforeMs = 0;
    double medianAfterMs = 0;
    double speedup = 1; // median before / median after: 2 = twice as fast
    double speedupCiLow = 1; // 95% bootstrap interval of the speedup
    double speedupCiHigh = 1;
    double pValue = 1; // Mann-Whitney U, two-sided
    QString verdict; // improved, no_change, regressed
    /// Share of the time saved: 1 - median after / median before (negative when slower).
    double improvementShare() const { return medianBeforeMs > 0 ? 1.0 - medianAfterMs / medianBeforeMs : 0; }
};

/// Pure statistics of a measurement: medians, the bootstrap interval of their ratio, the
/// Mann-Whitney U test and the verdict. A change counts only when it is both significant and larger
/// than the noise threshold, with its whole interval on the same side of 1 (criterion.rs and
/// Google Benchmark's compare.py do the same).
class MeasurementStatistics
{
public:
    struct Options
    {
        double noiseThreshold = 0.05; // changes under 5% are noise on a shared machine
        double alpha = 0.05;
        int bootstrapResamples = 2000;
        quint64 seed = 20261123; // fixed: the same runs give the same interval
    };

    static MeasurementSummary summarize(
        const QVector<double>& beforeMs, const QVector<double>& afterMs, const Options& options);
    static MeasurementSummary summarize(const QVector<double>& beforeMs, const QVector<double>& afterMs)
    {
        return summarize(beforeMs, afterMs, Options {});
    }
    static double median(QVector<double> values);
    /// Two-sided Mann-Whitney U p-value (normal approximation with tie and continuity corrections).
    static double mannWhitneyTwoSidedP(const QVector<double>& a, const QVector<double>& b);
};

} // namespace dopt
