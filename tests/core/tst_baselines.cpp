#include "analysis/baselinecalculator.h"

#include <QTest>
#include <algorithm>
#include <cmath>

using namespace dopt;

namespace {

constexpr qint64 kDayMs = 24LL * 3600 * 1000;
constexpr qint64 kStartMs = 1'735'689'600'000LL; // 2025-01-01

/// Deterministic noise in [-1, 1] (no random generator: the expected answers must not move).
double wobble(int i)
{
    return std::sin(double(i) * 1.7) * std::cos(double(i) * 0.31);
}

/// `count` daily runs from day `firstDay`, around `medianMs` with ±`spread` relative noise.
QVector<RunSample> dailyRuns(int firstDay, int count, double medianMs, double spread = 0.2)
{
    QVector<RunSample> runs;
    for (int i = 0; i < count; ++i)
        runs.append(RunSample {kStartMs + qint64(firstDay + i) * kDayMs,
            medianMs * (1.0 + spread * wobble(firstDay + i)), 1e9 * (1.0 + 0.1 * wobble(i))});
    return runs;
}

/// The regression search as first written: every tested split sorts both sides and ranks the pooled
/// sample again (quadratic in the runs). The fast search must give exactly its answer.
std::optional<Regression> referenceRegression(const QVector<RunSample>& runs, const BaselineCalculator::Options& o)
{
    const qsizetype n = runs.size();
    const qsizetype firstSplit = o.minSamples;
    const qsizetype lastSplit = n - o.minRecentSamples;
    if (lastSplit < firstSplit)
        return std::nullopt;
    const qsizetype span = lastSplit - firstSplit + 1;
    const qsizetype candidates = std::min<qsizetype>(span, std::max(1, o.maxCandidateSplits));
    const qsizetype step = candidates > 1 ? (span - 1) / (candidates - 1) + 1 : 0;
    const double tests = double(candidates + 2 * step);
    std::optional<Regression> best;
    qsizetype bestSplit = -1;
    auto consider = [&](qsizetype split) {
        QVector<double> before;
        QVector<double> recent;
        for (qsizetype i = 0; i < n; ++i)
            (i < split ? before : recent).append(runs[i].durationMs);
        std::sort(before.begin(), before.end());
        std::sort(recent.begin(), recent.end());
        const double baseP50 = BaselineCalculator::percentileSorted(before, 0.5);
        const double recentP50 = BaselineCalculator::percentileSorted(recent, 0.5);
        if (baseP50 <= 0 || recentP50 / baseP50 < o.minMedianRatio)
            return;
        const double p = std::min(1.0, BaselineCalculator::mannWhitneyGreaterP(recent, before) * tests);
        if (p >= o.alpha || (best && p >= best->pValue))
            return;
        Regression r;
        r.sinceMs = runs[split].submittedMs;
        r.baselineSize = int(before.size());
        r.recentSize = int(recent.size());
        r.baselineP50 = baseP50;
        r.baselineP95 = BaselineCalculator::percentileSorted(before, 0.95);
        r.recentP50 = recentP50;
        r.recentP95 = BaselineCalculator::percentileSorted(recent, 0.95);
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

} // namespace

/// Percentiles, the Mann-Whitney U test and the regression search on vectors with known answers.
class TestBaselines : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void percentiles()
    {
        const QVector<double> values {5, 1, 4, 2, 3};
        QCOMPARE(BaselineCalculator::percentile(values, 0.5), 3.0);
        QCOMPARE(BaselineCalculator::percentile(values, 0.0), 1.0);
        QCOMPARE(BaselineCalculator::percentile(values, 1.0), 5.0);
        QCOMPARE(BaselineCalculator::percentile(values, 0.95), 4.8); // 4 + 0.8 × (5 - 4)
        QCOMPARE(BaselineCalculator::percentile(values, 0.25), 2.0);
        QCOMPARE(BaselineCalculator::percentile({}, 0.5), 0.0);
        QCOMPARE(BaselineCalculator::percentile({7}, 0.99), 7.0);
    }

    void mannWhitney()
    {
        QVector<double> low {1, 2, 3, 4, 5};
        QVector<double> high {6, 7, 8, 9, 10};
        // U = 25, mean 12.5, sd sqrt(25 × 11 / 12); z = (25 - 12.5 - 0.5) / sd.
        QVERIFY(std::abs(BaselineCalculator::mannWhitneyGreaterP(high, low) - 0.006092890177672409) < 1e-12);
        QVERIFY(std::abs(BaselineCalculator::mannWhitneyGreaterP(low, high) - 0.9966923245172357) < 1e-12);
        QVector<double> low20;
        QVector<double> high20;
        for (int i = 0; i < 20; ++i) {
            low20 << i;
            high20 << 100 + i;
        }
        QVERIFY(std::abs(BaselineCalculator::mannWhitneyGreaterP(high20, low20) - 3.397807564086694e-08) < 1e-15);
        // No evidence either way.
        QCOMPARE(BaselineCalculator::mannWhitneyGreaterP({3, 3, 3}, {3, 3, 3}), 1.0);
        QCOMPARE(BaselineCalculator::mannWhitneyGreaterP({}, low), 1.0);
        const double same = BaselineCalculator::mannWhitneyGreaterP({1, 3, 5, 7}, {2, 4, 6, 8});
        QVERIFY(same > 0.5);
    }

    void runningMediansMatchThePercentile()
    {
        QVector<double> values;
        for (int i = 0; i < 301; ++i)
            values << std::round(1000 * (1.5 + wobble(i))) / (i % 7 == 0 ? 1 : 3); // ties and fractions
        const QVector<double> medians = BaselineCalculator::runningMedians(values);
        QCOMPARE(medians.size(), values.size() + 1);
        for (int k = 1; k <= values.size(); ++k)
            QCOMPARE(medians[k], BaselineCalculator::percentile(values.mid(0, k), 0.5)); // exact, not fuzzy
    }

    // The fast search (ranks once, running medians) against the original per-split sorts: the same
    // split, sizes, percentiles and p-value to the bit, on steps, noise, ties and no regression.
    void fastSearchEqualsTheReference()
    {
        const BaselineCalculator::Options options;
        QVector<QVector<RunSample>> series {dailyRuns(0, 60, 4000) + dailyRuns(60, 30, 12000),
            dailyRuns(0, 400, 3000, 0.5) + dailyRuns(400, 37, 7000, 0.5), dailyRuns(0, 500, 2000, 0.9),
            dailyRuns(0, 25, 100) + dailyRuns(25, 5, 1000)};
        QVector<RunSample> ties; // durations on a coarse grid: many equal values
        for (int i = 0; i < 700; ++i)
            ties.append(RunSample {kStartMs + i * kDayMs, double((i > 520 ? 4 : 1) * (1000 + 100 * (i % 5))), -1});
        series << ties;
        int regressions = 0;
        for (const QVector<RunSample>& runs : series) {
            const auto fast = BaselineCalculator::findRegression(runs, options);
            const auto reference = referenceRegression(runs, options);
            QCOMPARE(fast.has_value(), reference.has_value());
            if (!fast)
                continue;
            ++regressions;
            QCOMPARE(fast->sinceMs, reference->sinceMs);
            QCOMPARE(fast->baselineSize, reference->baselineSize);
            QCOMPARE(fast->recentSize, reference->recentSize);
            QCOMPARE(fast->baselineP50, reference->baselineP50);
            QCOMPARE(fast->baselineP95, reference->baselineP95);
            QCOMPARE(fast->recentP50, reference->recentP50);
            QCOMPARE(fast->recentP95, reference->recentP95);
            QVERIFY(fast->pValue == reference->pValue);
        }
        QVERIFY(regressions >= 3);
    }

    void findsAStepRegression()
    {
        QVector<RunSample> runs = dailyRuns(0, 60, 4000) + dailyRuns(60, 30, 12000);
        const auto regression = BaselineCalculator::findRegression(runs, BaselineCalculator::Options {});
        QVERIFY(regression.has_value());
        QCOMPARE(regression->sinceMs, kStartMs + 60 * kDayMs);
        QCOMPARE(regression->baselineSize, 60);
        QCOMPARE(regression->recentSize, 30);
        QVERIFY(std::abs(regression->medianRatio - 3.0) < 0.4);
        QVERIFY(regression->p95Ratio >= 2.0);
        QVERIFY(regression->pValue < 0.01);
    }

    void placesTheStepOnARisingTrend()
    {
        // Normal runs creep upwards (a sawtooth from 5.0 s to 5.7 s); 4x slower from run 40.
        QVector<RunSample> runs;
        for (int i = 0; i < 50; ++i)
            runs.append(
                RunSample {kStartMs + qint64(i) * kDayMs, double((i >= 40 ? 4 : 1) * (5000 + (i * 37) % 700)), -1});
        const auto regression = BaselineCalculator::findRegression(runs, BaselineCalculator::Options {});
        QVERIFY(regression.has_value());
        QCOMPARE(regression->recentSize, 10);
        QCOMPARE(regression->sinceMs, kStartMs + 40 * kDayMs);
    }

    void findsAModestRegressionAsMediumOnly()
    {
        // 1.6× slower: a regression (≥ 1.5×), but P95 not doubled.
        QVector<RunSample> runs = dailyRuns(0, 60, 4000, 0.1) + dailyRuns(60, 30, 6400, 0.1);
        const auto regression = BaselineCalculator::findRegression(runs, BaselineCalculator::Options {});
        QVERIFY(regression.has_value());
        QVERIFY(regression->p95Ratio < 2.0);
        QVERIFY(regression->medianRatio >= 1.5);
    }

    void noRegression_data()
    {
        QTest::addColumn<QVector<RunSample>>("runs");
        QTest::newRow("stationary") << dailyRuns(0, 90, 4000, 0.4);
        QTest::newRow("1.4x slower") << (dailyRuns(0, 60, 4000, 0.1) + dailyRuns(60, 30, 5600, 0.1));
        QVector<RunSample> oneSlow = dailyRuns(0, 89, 4000);
        oneSlow.append(RunSample {kStartMs + 89 * kDayMs, 400000, 1e9});
        QTest::newRow("one slow run") << oneSlow;
        QTest::newRow("four slow runs") << (dailyRuns(0, 86, 4000) + dailyRuns(86, 4, 40000));
        QTest::newRow("too few runs") << (dailyRuns(0, 19, 4000) + dailyRuns(19, 5, 40000));
        QTest::newRow("faster") << (dailyRuns(0, 60, 4000) + dailyRuns(60, 30, 1000));
    }
    void noRegression()
    {
        QFETCH(QVector<RunSample>, runs);
        QVERIFY(!BaselineCalculator::findRegression(runs, BaselineCalculator::Options {}).has_value());
    }

    void fiveSlowRunsAreEnough()
    {
        QVector<RunSample> runs = dailyRuns(0, 60, 4000, 0.1) + dailyRuns(60, 5, 40000, 0.1);
        const auto regression = BaselineCalculator::findRegression(runs, BaselineCalculator::Options {});
        QVERIFY(regression.has_value());
        QCOMPARE(regression->recentSize, 5);
    }

    void baselineOfARegressedFingerprintUsesTheRunsBefore()
    {
        QVector<RunSample> runs = dailyRuns(0, 60, 4000) + dailyRuns(60, 30, 12000);
        std::reverse(runs.begin(), runs.end()); // any order in
        const auto baseline = BaselineCalculator::compute(QStringLiteral("fp"), runs, BaselineCalculator::Options {});
        QVERIFY(baseline.has_value());
        QVERIFY(baseline->regression.has_value());
        QCOMPARE(baseline->sampleSize, 60);
        QCOMPARE(baseline->runCount, 90);
        QCOMPARE(baseline->firstSeenMs, kStartMs);
        QCOMPARE(baseline->lastSeenMs, kStartMs + 89 * kDayMs);
        QVector<double> before;
        for (const RunSample& run : dailyRuns(0, 60, 4000))
            before << run.durationMs;
        QCOMPARE(baseline->durationP50, BaselineCalculator::percentile(before, 0.5));
        QCOMPARE(baseline->durationP95, BaselineCalculator::percentile(before, 0.95));
        QVERIFY(baseline->bytesP50 > 0.8e9 && baseline->bytesP50 < 1.2e9);
    }

    void baselineUsesTheRollingWindow()
    {
        // 60 old runs at 1 s, then 29 at 4 s. That step is a regression; the test switches the
        // regression search off (impossible ratio) to look at the rolling window alone.
        BaselineCalculator::Options options;
        options.minMedianRatio = 1000;
        const QVector<RunSample> runs = dailyRuns(0, 60, 1000) + dailyRuns(60, 29, 4000);
        const auto baseline = BaselineCalculator::compute(QStringLiteral("fp"), runs, options);
        QVERIFY(baseline.has_value());
        QVERIFY(!baseline->regression);
        QCOMPARE(baseline->sampleSize, 29); // days 60..88: the 28 days before the last run, inclusive
        QVERIFY(baseline->durationP50 > 3000);
    }

    void rollingWindowKeepsTheMinimumSample()
    {
        // Weekly runs: 28 days hold 4 runs, below the minimum of 20; the last 20 are used.
        QVector<RunSample> runs;
        for (int i = 0; i < 30; ++i)
            runs.append(RunSample {kStartMs + qint64(i) * 7 * kDayMs, 1000.0 + i, -1});
        const auto baseline = BaselineCalculator::compute(QStringLiteral("fp"), runs, BaselineCalculator::Options {});
        QVERIFY(baseline.has_value());
        QCOMPARE(baseline->sampleSize, 20);
        QCOMPARE(baseline->durationP50, 1019.5); // runs 10..29 → 1010..1029
        QCOMPARE(baseline->bytesP50, -1.0); // no run reported bytes
    }

    void belowTheMinimumSampleThereIsNoBaseline()
    {
        QVERIFY(
            !BaselineCalculator::compute(QStringLiteral("fp"), dailyRuns(0, 19, 1000), BaselineCalculator::Options {}));
        QVERIFY(
            BaselineCalculator::compute(QStringLiteral("fp"), dailyRuns(0, 20, 1000), BaselineCalculator::Options {}));
    }
};

QTEST_GUILESS_MAIN(TestBaselines)
#include "tst_baselines.moc"
