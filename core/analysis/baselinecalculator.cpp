#include "baselinecalculator.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace dopt {

namespace {

constexpr qint64 kDayMs = 24LL * 3600 * 1000;

QVector<double> durations(const QVector<RunSample>& runs, qsizetype from, qsizetype to)
{
    QVector<double> out;
    out.reserve(to - from);
    for (qsizetype i = from; i < to; ++i)
        out.append(runs[i].durationMs);
    return out;
}

} // namespace

double BaselineCalculator::percentileSorted(const QVector<double>& sorted, double q)
{
    if (sorted.isEmpty())
        return 0;
    const double position = std::clamp(q, 0.0, 1.0) * double(sorted.size() - 1);
    const auto lower = qsizetype(std::floor(position));
    const auto upper = std::min<qsizetype>(lower + 1, sorted.size() - 1);
    const double fraction = position - double(lower);
    return sorted[lower] + (sorted[upper] - sorted[lower]) * fraction;
}

double BaselineCalculator::percentile(QVector<double> values, double q)
{
    std::sort(values.begin(), values.end());
    return percentileSorted(values, q);
}

double BaselineCalculator::mannWhitneyGreaterP(const QVector<double>& higher, const QVector<double>& lower)
{
    const qsizetype n1 = higher.size();
    const qsizetype n2 = lower.size();
    if (n1 == 0 || n2 == 0)
        return 1;
    // Rank the pooled sample (average ranks for ties), remembering which side each value came from.
    QVector<std::pair<double, bool>> pooled;
    pooled.reserve(n1 + n2);
    for (double v : higher)
        pooled.append({v, true});
    for (double v : lower)
        pooled.append({v, false});
    std::sort(pooled.begin(), pooled.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    double rankSumHigher = 0;
    double tieTerm = 0; // sum of t^3 - t over tie groups
    for (qsizetype i = 0; i < pooled.size();) {
        qsizetype j = i;
        while (j < pooled.size() && pooled[j].first == pooled[i].first)
            ++j;
        const double averageRank = (double(i + 1) + double(j)) / 2.0;
        const double t = double(j - i);
        tieTerm += t * t * t - t;
        for (qsizetype k = i; k < j; ++k) {
            if (pooled[k].second)
                rankSumHigher += averageRank;
        }
        i = j;
    }
    const double u = rankSumHigher - double(n1) * double(n1 + 1) / 2.0;
    const double mean = double(n1) * double(n2) / 2.0;
    const double n = double(n1 + n2);
    const double variance = double(n1) * double(n2) / 12.0 * ((n + 1.0) - tieTerm / (n * (n - 1.0)));
    if (variance <= 0)
        return 1; // every value equal: no evidence either way
    const double z = (u - mean - 0.5) / std::sqrt(variance);
    return 0.5 * std::erfc(z / std::sqrt(2.0));
}

std::optional<Regression> BaselineCalculator::findRegression(const QVector<RunSample>& runs, const Options& options)
{
    const qsizetype n = runs.size();
    const qsizetype firstSplit = options.minSamples;
    const qsizetype lastSplit = n - options.minRecentSamples;
    if (lastSplit < firstSplit)
        return std::nullopt;
    const qsizetype span = lastSplit - firstSplit + 1;
    const qsizetype candidates = std::min<qsizetype>(span, std::max(1, options.maxCandidateSplits));
    const qsizetype step = candidates > 1 ? (span - 1) / (candidates - 1) + 1 : 0;
    // Bonferroni over every split that may be tested: the coarse ones and the refinement around the best.
    const double tests = double(candidates + 2 * step);
    std::optional<Regression> best;
    qsizetype bestSplit = -1;
    // Tests one split; keeps it when it passes every test and has the smallest p-value so far. (Pettitt's
    // estimator, the peak of U's excess, drifts earlier when normal runs trend upwards before a step;
    // the smallest p-value stays on the step.)
    auto consider = [&](qsizetype split) {
        QVector<double> before = durations(runs, 0, split);
        QVector<double> recent = durations(runs, split, n);
        std::sort(before.begin(), before.end());
        std::sort(recent.begin(), recent.end());
        const double baseP50 = percentileSorted(before, 0.5);
        const double recentP50 = percentileSorted(recent, 0.5);
        if (baseP50 <= 0 || recentP50 / baseP50 < options.minMedianRatio)
            return;
        const double p = std::min(1.0, mannWhitneyGreaterP(recent, before) * tests);
        if (p >= options.alpha || (best && p >= best->pValue))
            return;
        Regression r;
        r.sinceMs = runs[split].submittedMs;
        r.baselineSize = int(before.size());
        r.recentSize = int(recent.size());
        r.baselineP50 = baseP50;
        r.baselineP95 = percentileSorted(before, 0.95);
        r.recentP50 = recentP50;
        r.recentP95 = percentileSorted(recent, 0.95);
        r.medianRatio = recentP50 / baseP50;
        r.p95Ratio = r.baselineP95 > 0 ? r.recentP95 / r.baselineP95 : 0;
        r.pValue = p;
        best = r;
        bestSplit = split;
    };
    auto splitAt
        = [&](qsizetype c) { return candidates == 1 ? lastSplit : firstSplit + c * (span - 1) / (candidates - 1); };
    for (qsizetype c = 0; c < candidates; ++c)
        consider(splitAt(c));
    // Refine between the neighbouring coarse splits so the window starts at the change itself.
    if (best && candidates > 1) {
        const qsizetype coarse = bestSplit;
        for (qsizetype split = std::max(firstSplit, coarse - step); split <= std::min(lastSplit, coarse + step);
             ++split) {
            if (split != coarse)
                consider(split);
        }
    }
    return best;
}

std::optional<Baseline> BaselineCalculator::compute(
    const QString& fingerprint, QVector<RunSample> runs, const Options& options)
{
    if (runs.size() < options.minSamples)
        return std::nullopt;
    std::stable_sort(
        runs.begin(), runs.end(), [](const RunSample& a, const RunSample& b) { return a.submittedMs < b.submittedMs; });
    Baseline baseline;
    baseline.fingerprint = fingerprint;
    baseline.runCount = int(runs.size());
    baseline.firstSeenMs = runs.first().submittedMs;
    baseline.lastSeenMs = runs.last().submittedMs;
    baseline.regression = findRegression(runs, options);

    // The baseline window: the runs before the regression, else the rolling window before the last
    // run, widened to the minimum sample size when the fingerprint runs rarely.
    qsizetype from = 0;
    qsizetype to = runs.size();
    if (baseline.regression) {
        to = baseline.regression->baselineSize;
    } else {
        const qint64 windowStart = baseline.lastSeenMs - qint64(options.windowDays) * kDayMs;
        while (from < to && runs[from].submittedMs < windowStart)
            ++from;
        from = std::min(from, to - options.minSamples);
    }
    QVector<double> duration = durations(runs, from, to);
    QVector<double> bytes;
    for (qsizetype i = from; i < to; ++i) {
        if (runs[i].bytesScanned >= 0)
            bytes.append(runs[i].bytesScanned);
    }
    std::sort(duration.begin(), duration.end());
    std::sort(bytes.begin(), bytes.end());
    baseline.sampleSize = int(duration.size());
    baseline.durationP50 = percentileSorted(duration, 0.5);
    baseline.durationP95 = percentileSorted(duration, 0.95);
    baseline.durationP99 = percentileSorted(duration, 0.99);
    if (!bytes.isEmpty()) {
        baseline.bytesP50 = percentileSorted(bytes, 0.5);
        baseline.bytesP95 = percentileSorted(bytes, 0.95);
        baseline.bytesP99 = percentileSorted(bytes, 0.99);
    }
    return baseline;
}

} // namespace dopt
