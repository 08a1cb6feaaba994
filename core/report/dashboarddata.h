#pragma once

#include "reportdata.h"

#include <QString>
#include <QVector>
#include <array>
#include <optional>

namespace dopt {

/// The figures behind the dashboard page, computed on a worker thread (DashboardCollector).
struct DashboardData
{
    struct HourCount
    {
        qint64 hourStartMs = 0;
        qint64 jobs = 0;
    };
    struct FingerprintTotal
    {
        QString fingerprint;
        QString sql; // an example statement
        qint64 runs = 0;
        double totalMs = 0; // milliseconds with their fraction (PostgreSQL)
    };
    struct TrendPoint
    {
        qint64 dayStartMs = 0;
        double p50Ms = 0;
        double p95Ms = 0;
        int runs = 0;
    };

    ReportFilter filter;
    std::optional<qint64> workspaceFirstMs; // every job, whatever the filter (for range choices)
    std::optional<qint64> workspaceLastMs;

    qint64 jobCount = 0;
    qint64 acceleratedJobs = 0;
    double totalDurationMs = 0;
    QVector<HourCount> jobsPerHour; // hours without jobs are left out
    std::array<std::array<qint64, 24>, 7> weekdayHour {}; // [Monday = 0][UTC hour]

    QVector<FingerprintTotal> topFingerprints; // by total time, largest first
    QString trendFingerprint; // the fingerprint whose trend is shown
    QVector<TrendPoint> trend; // per UTC day
    std::optional<qint64> regressionSinceMs; // of trendFingerprint, from the baselines
    double regressionMedianRatio = 0;

    QVector<ReportData::DetectorCount> findingsByDetector;
    ReportData::MeasurementSummary measurements;
};

} // namespace dopt
