#include "measure/measurementstatistics.h"

#include "analysis/baselinecalculator.h"

#include <algorithm>
#include <random>

namespace dopt {

double MeasurementStatistics::median(QVector<double> values)
{
    return BaselineCalculator::percentile(std::move(values), 0.5);
}

double MeasurementStatistics::mannWhitneyTwoSidedP(const QVector<double>& a, const QVector<double>& b)
{
    const double oneSided
        = std::min(BaselineCalculator::mannWhitneyGreaterP(a, b), BaselineCalculator::mannWhitneyGreaterP(b, a));
    return std::min(1.0, 2.0 * oneSided);
}

MeasurementSummary MeasurementStatistics::summarize(
    const QVector<double>& beforeMs, const QVector<double>& afterMs, const Options& options)
{
    MeasurementSummary summary;
    summary.verdict = QStringLiteral("no_change");
    if (beforeMs.isEmpty() || afterMs.isEmpty())
        return summary;
    summary.medianBeforeMs = median(beforeMs);
    summary.medianAfterMs = median(afterMs);
    // A run can be faster than the clock resolution: a floor keeps the ratio finite.
    auto ratio = [](double before, double after) {
        const double floorMs = 1e-3;
        return std::max(before, floorMs) / std::max(after, floorMs);
    };
    summary.speedup = ratio(summary.medianBeforeMs, summary.medianAfterMs);

    std::mt19937_64 random(options.seed);
    QVector<double> ratios;
    ratios.reserve(options.bootstrapResamples);
    QVector<double> sampleBefore(beforeMs.size());
    QVector<double> sampleAfter(afterMs.size());
    std::uniform_int_distribution<qsizetype> pickBefore(0, beforeMs.size() - 1);
    std::uniform_int_distribution<qsizetype> pickAfter(0, afterMs.size() - 1);
    for (int i = 0; i < options.bootstrapResamples; ++i) {
        for (double& value : sampleBefore)
            value = beforeMs.at(pickBefore(random));
        for (double& value : sampleAfter)
            value = afterMs.at(pickAfter(random));
        ratios.append(ratio(median(sampleBefore), median(sampleAfter)));
    }
    std::sort(ratios.begin(), ratios.end());
    summary.speedupCiLow = BaselineCalculator::percentileSorted(ratios, 0.025);
    summary.speedupCiHigh = BaselineCalculator::percentileSorted(ratios, 0.975);
    summary.pValue = mannWhitneyTwoSidedP(beforeMs, afterMs);

    const bool significant = summary.pValue < options.alpha;
    if (significant && summary.speedup >= 1.0 + options.noiseThreshold && summary.speedupCiLow > 1.0)
        summary.verdict = QStringLiteral("improved");
    else if (significant && summary.speedup <= 1.0 / (1.0 + options.noiseThreshold) && summary.speedupCiHigh < 1.0)
        summary.verdict = QStringLiteral("regressed");
    return summary;
}

} // namespace dopt
