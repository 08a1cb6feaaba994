#pragma once

#include <QString>
#include <QVector>
#include <optional>

namespace dopt {

/// One completed run of a fingerprint, as the baseline computation needs it.
struct RunSample
{
    qint64 submittedMs = 0;
    double durationMs = 0;
    double bytesScanned = -1; // -1 when unknown
};

/// A recent window that is slower than the fingerprint's baseline, with its statistical support.
struct Regression
{
    qint64 sinceMs = 0; // submission time of the first run of the recent window
    int baselineSize = 0;
    int recentSize = 0;
    double baselineP50 = 0;
    double baselineP95 = 0;
    double recentP50 = 0;
    double recentP95 = 0;
    double medianRatio = 0; // recent P50 / baseline P50
    double p95Ratio = 0; // recent P95 / baseline P95
    double pValue = 1; // one-sided Mann-Whitney U (recent > baseline), Bonferroni-corrected over the splits tested
};

/// The normal behaviour of one fingerprint: percentiles of duration and bytes scanned over its
/// baseline window (the runs before a regression, else the rolling window ending at its last run).
struct Baseline
{
    QString fingerprint;
    int sampleSize = 0; // runs in the baseline window
    int runCount = 0; // all completed runs seen
    double durationP50 = 0;
    double durationP95 = 0;
    double durationP99 = 0;
    double bytesP50 = -1; // -1 when no run reports bytes scanned
    double bytesP95 = -1;
    double bytesP99 = -1;
    qint64 firstSeenMs = 0;
    qint64 lastSeenMs = 0;
    std::optional<Regression> regression;
    QString sql; // an example statement, for display
};

} // namespace dopt
