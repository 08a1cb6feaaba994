#include "baselinecalculator.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <queue>
#include <vector>

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

    // Every split divides the same pooled sample: the runs' ranks (average ranks for ties) and the tie
    // term are computed once, and a split's rank sum is a suffix sum. Ranks are multiples of 1/2, so
    // the sums are exact and each p-value equals mannWhitneyGreaterP(recent, before) to the bit. With
    // the running medians below, a split costs O(1) instead of three sorts: the refinement tries about
    // n/20 splits, which made long histories quadratic (minutes for a million jobs).
    const QVector<double> all = durations(runs, 0, n);
    QVector<qsizetype> order(n);
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](qsizetype a, qsizetype b) { return all[a] < all[b]; });
    QVector<double> rank(n);
    double tieTerm = 0;
    for (qsizetype i = 0; i < n;) {
        qsizetype j = i;
        while (j < n && all[order[j]] == all[order[i]])
            ++j;
        const double averageRank = (double(i + 1) + double(j)) / 2.0;
        const double t = double(j - i);
        tieTerm += t * t * t - t;
        for (qsizetype k = i; k < j; ++k)
            rank[order[k]] = averageRank;
        i = j;
    }
    QVector<double> suffixRankSum(n + 1, 0.0);
    for (qsizetype i = n - 1; i >= 0; --i)
        suffixRankSum[i] = suffixRankSum[i + 1] + rank[i];
    const QVector<double> prefixMedian = runningMedians(all);
    QVector<double> reversed(all.crbegin(), all.crend());
    const QVector<double> suffixMedianReversed = runningMedians(reversed);

    double bestP = 0;
    qsizetype bestSplit = -1;
    // Tests one split; keeps it when it passes every test and has the smallest p-value so far. (Pettitt's
    // estimator, the peak of U's excess, drifts earlier when normal runs trend upwards before a step;
    // the smallest p-value stays on the step.)
    auto consider = [&](qsizetype split) {
        const double baseP50 = prefixMedian[split];
        const double recentP50 = suffixMedianReversed[n - split];
        if (baseP50 <= 0 || recentP50 / baseP50 < options.minMedianRatio)
            return;
        const qsizetype n1 = n - split; // recent
        const qsizetype n2 = split; // before
        const double u = suffixRankSum[split] - double(n1) * double(n1 + 1) / 2.0;
        const double mean = double(n1) * double(n2) / 2.0;
        const double pooled = double(n1 + n2);
        const double variance = double(n1) * double(n2) / 12.0 * ((pooled + 1.0) - tieTerm / (pooled * (pooled - 1.0)));
        const double oneSided
            = variance <= 0 ? 1.0 : 0.5 * std::erfc((u - mean - 0.5) / std::sqrt(variance) / std::sqrt(2.0));
        const double p = std::min(1.0, oneSided * tests);
        if (p >= options.alpha || (bestSplit >= 0 && p >= bestP))
            return;
        bestP = p;
        bestSplit = split;
    };
    auto splitAt
        = [&](qsizetype c) { return candidates == 1 ? lastSplit : firstSplit + c * (span - 1) / (candidates - 1); };
    for (qsizetype c = 0; c < candidates; ++c)
        consider(splitAt(c));
    // Refine between the neighbouring coarse splits so the window starts at the change itself.
    if (bestSplit >= 0 && candidates > 1) {
        const qsizetype coarse = bestSplit;
        for (qsizetype split = std::max(firstSplit, coarse - step); split <= std::min(lastSplit, coarse + step);
             ++split) {
            if (split != coarse)
                consider(split);
        }
    }
    if (bestSplit < 0)
        return std::nullopt;
    QVector<double> before = durations(runs, 0, bestSplit);
    QVector<double> recent = durations(runs, bestSplit, n);
    std::sort(before.begin(), before.end());
    std::sort(recent.begin(), recent.end());
    Regression r;
    r.sinceMs = runs[bestSplit].submittedMs;
    r.baselineSize = int(before.size());
    r.recentSize = int(recent.size());
    r.baselineP50 = percentileSorted(before, 0.5);
    r.baselineP95 = percentileSorted(before, 0.95);
    r.recentP50 = percentileSorted(recent, 0.5);
    r.recentP95 = percentileSorted(recent, 0.95);
    r.medianRatio = r.recentP50 / r.baselineP50;
    r.p95Ratio = r.baselineP95 > 0 ? r.recentP95 / r.baselineP95 : 0;
    r.pValue = bestP;
    return r;
}

QVector<double> BaselineCalculator::runningMedians(const QVector<double>& values)
{
    // Two heaps: the lower half (max on top, one more when the count is odd) and the upper half.
    // The median of k values is percentileSorted(sorted first k, 0.5), with the same arithmetic.
    QVector<double> medians(values.size() + 1, 0.0);
    std::priority_queue<double> lower;
    std::priority_queue<double, std::vector<double>, std::greater<double>> upper;
    for (qsizetype k = 0; k < values.size(); ++k) {
        const double v = values[k];
        if (lower.empty() || v <= lower.top())
            lower.push(v);
        else
            upper.push(v);
        if (lower.size() > upper.size() + 1) {
            upper.push(lower.top());
            lower.pop();
        } else if (upper.size() > lower.size()) {
            lower.push(upper.top());
            upper.pop();
        }
        const qsizetype count = k + 1;
        if (count % 2 == 1) {
            medians[count] = lower.top();
        } else {
            const double a = lower.top();
            const double b = upper.top();
            medians[count] = a + (b - a) * 0.5;
        }
    }
    return medians;
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
