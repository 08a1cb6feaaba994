#pragma once

#include <QJsonObject>
#include <QSqlDatabase>
#include <QString>
#include <QVector>
#include <array>
#include <atomic>
#include <vector>

namespace dopt {

/// One detected rhythm of the workload.
struct WorkloadPattern
{
    QString type; // hourly_peak, daily_cycle, weekly_pattern, batch_job
    double confidence = 0; // 0..1
    QString fingerprint; // batch_job only
    QString sql; // batch_job only: an example statement
    QJsonObject detail; // peak hours, lags, statistics...
};

/// What the hourly buckets say, with the patterns found in them.
struct WorkloadAnalysis
{
    qint64 firstHourMs = 0; // start of the first bucket (UTC, hour-aligned)
    std::vector<double> hourly; // jobs submitted per hour, consecutive
    double days = 0;
    std::array<double, 24> hourMean {}; // mean jobs per hour of day (UTC)
    std::array<double, 24> hourSigma {}; // spread of that hour across days
    std::array<std::array<double, 24>, 7> weekdayHourMean {}; // [weekday 0 = Monday][hour]
    QVector<int> peakHours; // hours above mean + 1 sigma of the hourly means
    double autocorrelation24 = 0;
    double autocorrelation168 = 0;
    QVector<WorkloadPattern> patterns;
    QString missing; // what is missing for a reliable answer (less than 30 days...), empty when enough
};

/// Finds the workload's rhythm: hourly buckets, mean and spread per hour of day, peak hours, the
/// autocorrelation at 24 h and 168 h, and the patterns hourly_peak (one to three sharp hours),
/// daily_cycle (a significant hour-of-day profile), weekly_pattern (a significant weekday
/// profile) and batch_job (one fingerprint at the same time every day), each with a confidence.
class WorkloadPatterns
{
public:
    struct Run
    {
        qint64 submittedMs = 0;
    };

    /// Analyses an hourly series starting at firstHourMs (hour-aligned, UTC).
    static WorkloadAnalysis analyzeSeries(const std::vector<double>& hourly, qint64 firstHourMs);
    /// batch_job test of one fingerprint's submission times (sorted or not); nullopt-like
    /// pattern with confidence 0 when it is not a daily batch.
    static WorkloadPattern batchJob(std::vector<qint64> submittedMs);
    /// Reads the workspace's jobs, analyses them and returns the result (nothing stored).
    static bool analyzeWorkspace(
        QSqlDatabase db, const std::atomic_bool* cancel, WorkloadAnalysis* analysis, QString* error);
    /// Replaces the stored patterns (workload_patterns) in one transaction.
    static bool store(QSqlDatabase db, const WorkloadAnalysis& analysis, QString* error);
    /// The stored patterns (read only). *stale is true when none are stored or an import started
    /// after they were computed: then they should be recomputed.
    static bool loadStored(QSqlDatabase db, QVector<WorkloadPattern>* patterns, bool* stale, QString* error);

    static constexpr int MinimumDays = 30;
};

} // namespace dopt
