#pragma once

#include "baseline.h"

namespace dopt {

/// Pure statistics behind baselines and regressions: percentiles, the Mann-Whitney U test and the
/// search for a slower recent window. No I/O; the engine feeds it the runs of one fingerprint.
class BaselineCalculator
{
public:
    struct Options
    {
        // Fewer runs give percentiles that move with every run: no baseline is trusted below this.
        int minSamples = 20;
        // A regression needs a few slow runs, never a single slow run.
        int minRecentSamples = 5;
        // Rolling window of the baseline when there is no regression (days before the last run).
        int windowDays = 28;
        // Significance after the Bonferroni correction over the candidate splits.
        double alpha = 0.01;
        // Slower by less than half is within the day-to-day noise of most workloads.
        double minMedianRatio = 1.5;
        // Recent P95 at least twice the baseline P95: the users' worst runs doubled, high severity.
        double highP95Ratio = 2.0;
        // Splits tried per fingerprint (evenly spaced); bounds the cost and the multiple-testing penalty.
        int maxCandidateSplits = 40;
    };

    /// Linear-interpolated quantile (q in 0..1) of an ascending vector; 0 for an empty one.
    static double percentileSorted(const QVector<double>& sorted, double q);
    static double percentile(QVector<double> values, double q);
    /// One-sided p-value that `higher` tends to be larger than `lower` (Mann-Whitney U, normal
    /// approximation with tie and continuity corrections). 1 when either side is empty.
    static double mannWhitneyGreaterP(const QVector<double>& higher, const QVector<double>& lower);
    /// Searches the suffixes of the time-ordered runs for a recent window slower than the runs before
    /// it; the most significant one that passes every test, or nullopt.
    static std::optional<Regression> findRegression(const QVector<RunSample>& runsByTime, const Options& options);
    /// runningMedians(v)[k] = percentile(first k values of v, 0.5) for k = 1..size (index 0 unused).
    static QVector<double> runningMedians(const QVector<double>& values);
    /// Baseline of a fingerprint from its runs (any order). nullopt below options.minSamples runs.
    static std::optional<Baseline> compute(const QString& fingerprint, QVector<RunSample> runs, const Options& options);
};

} // namespace dopt
